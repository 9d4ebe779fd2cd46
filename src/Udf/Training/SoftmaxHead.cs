namespace DeepSql.Udf.Training;

/// <summary>
/// A linear softmax classifier on feature vectors: scores = softmax(W·x + b). <see cref="Weights"/> is row-major
/// [classes, features] (row k holds class k), the layout of ONNX Gemm's B input with transB = 1.
/// </summary>
public sealed class SoftmaxHead
{
    /// <param name="weights">Row-major [classes, features].</param>
    /// <param name="bias">One per class.</param>
    public SoftmaxHead(float[] weights, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length == 0 || weights.Length % bias.Length != 0)
        {
            throw new ArgumentException("weights must hold classes × features values", nameof(weights));
        }

        Weights = weights;
        Bias = bias;
        Classes = bias.Length;
        Features = weights.Length / bias.Length;
    }

    /// <summary>Row-major [classes, features].</summary>
    public float[] Weights { get; }

    /// <summary>One per class.</summary>
    public float[] Bias { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Length of a feature vector.</summary>
    public int Features { get; }

    /// <summary>Class probabilities of one feature vector.</summary>
    public float[] Scores(ReadOnlySpan<float> features)
    {
        if (features.Length != Features)
        {
            throw new ArgumentException($"expected {Features} features, got {features.Length}", nameof(features));
        }

        var logits = new double[Classes];
        for (var k = 0; k < Classes; k++)
        {
            logits[k] = HeadMath.Dot(Weights.AsSpan(k * Features, Features), features) + Bias[k];
        }

        HeadMath.SoftmaxInPlace(logits);
        var scores = new float[Classes];
        for (var k = 0; k < Classes; k++)
        {
            scores[k] = (float)logits[k];
        }

        return scores;
    }

    /// <summary>Index of the highest score (the first on ties).</summary>
    public int Predict(ReadOnlySpan<float> features)
    {
        var best = 0;
        var bestLogit = double.NegativeInfinity;
        for (var k = 0; k < Classes; k++)
        {
            var logit = HeadMath.Dot(Weights.AsSpan(k * Features, Features), features) + Bias[k];
            if (logit > bestLogit)
            {
                bestLogit = logit;
                best = k;
            }
        }

        return best;
    }
}

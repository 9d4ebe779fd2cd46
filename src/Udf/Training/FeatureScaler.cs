namespace DeepSql.Udf.Training;

/// <summary>
/// Per-feature standardization z = (x − μ) / σ with μ, σ from the training split. A constant feature gets σ = 1.
/// <see cref="Fold"/> moves it into a head's weights so the exported model takes raw features.
/// </summary>
public sealed class FeatureScaler
{
    private FeatureScaler(double[] mean, double[] std)
    {
        Mean = mean;
        Std = std;
    }

    /// <summary>μ per feature.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>σ per feature (population standard deviation; 1 where it is ~0).</summary>
    public IReadOnlyList<double> Std { get; }

    /// <summary>Fits μ and σ on the given rows, summed in row order.</summary>
    public static FeatureScaler Fit(IReadOnlyList<float[]> rows, IReadOnlyList<int> indices)
    {
        if (indices.Count == 0)
        {
            throw new ArgumentException("no rows to fit", nameof(indices));
        }

        var d = rows[indices[0]].Length;
        var mean = new double[d];
        foreach (var i in indices)
        {
            var row = rows[i];
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= indices.Count;
        }

        var variance = new double[d];
        foreach (var i in indices)
        {
            var row = rows[i];
            for (var j = 0; j < d; j++)
            {
                var delta = row[j] - mean[j];
                variance[j] += delta * delta;
            }
        }

        var std = new double[d];
        for (var j = 0; j < d; j++)
        {
            var s = Math.Sqrt(variance[j] / indices.Count);
            std[j] = s > 1e-6 ? s : 1.0;
        }

        return new FeatureScaler(mean, std);
    }

    /// <summary>The standardized copy of one row.</summary>
    public float[] Transform(ReadOnlySpan<float> row)
    {
        var z = new float[row.Length];
        for (var j = 0; j < row.Length; j++)
        {
            z[j] = (float)((row[j] - Mean[j]) / Std[j]);
        }

        return z;
    }

    /// <summary>
    /// The head that gives, on raw features x, the scores <paramref name="standardized"/> gives on (x − μ)/σ:
    /// W' = W/σ, b' = b − W·(μ/σ).
    /// </summary>
    public SoftmaxHead Fold(SoftmaxHead standardized)
    {
        var d = standardized.Features;
        if (d != Mean.Count)
        {
            throw new ArgumentException("feature count differs from the scaler's", nameof(standardized));
        }

        var weights = new float[standardized.Weights.Length];
        var bias = new float[standardized.Classes];
        for (var k = 0; k < standardized.Classes; k++)
        {
            double shift = 0;
            for (var j = 0; j < d; j++)
            {
                double w = standardized.Weights[(k * d) + j];
                weights[(k * d) + j] = (float)(w / Std[j]);
                shift += w * Mean[j] / Std[j];
            }

            bias[k] = (float)(standardized.Bias[k] - shift);
        }

        return new SoftmaxHead(weights, bias);
    }
}

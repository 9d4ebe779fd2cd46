using DeepSql.Udf.Engines;
using DeepSql.Udf.Processing;

namespace DeepSql.Udf.Functions;

/// <summary><c>name_scores(image BLOB) → FLOAT[]</c>: one score per label, softmax applied if output.activation is "softmax".</summary>
public sealed class ClassifyScoresFunction : RuntimeFunction
{
    /// <inheritdoc />
    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        var (vectors, version) = RunModel(arguments, rowCount, session);
        var softmax = version.Manifest.Output.Activation == "softmax";
        var result = new object?[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            result[r] = vectors[r] is { } v ? Scores(v, softmax) : null;
        }

        return result;
    }

    /// <summary>The scores of one output vector (a copy with softmax applied, or the vector itself).</summary>
    internal static float[] Scores(float[] output, bool softmax)
    {
        if (!softmax)
        {
            return output;
        }

        var scores = new float[output.Length];
        VectorMath.Softmax(output, scores);
        return scores;
    }
}

using DeepSql.Udf.Engines;
using DeepSql.Udf.Processing;

namespace DeepSql.Udf.Functions;

/// <summary>
/// <c>name_topk(image BLOB, k INTEGER) → STRUCT(label VARCHAR, score FLOAT)[]</c>, best first. The value of a row is an
/// <c>object?[]</c> of <c>IReadOnlyDictionary&lt;string, object?&gt;</c> {"label": string, "score": float}.
/// </summary>
public sealed class ClassifyTopKFunction : RuntimeFunction
{
    /// <inheritdoc />
    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        var (vectors, version) = RunModel(arguments, rowCount, session);
        var labels = version.Manifest.Labels!;
        var softmax = version.Manifest.Output.Activation == "softmax";
        var result = new object?[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            if (vectors[r] is not { } v || arguments[1][r] is not { } kValue)
            {
                continue;
            }

            var scores = ClassifyScoresFunction.Scores(v, softmax);
            var k = Convert.ToInt32(kValue, System.Globalization.CultureInfo.InvariantCulture);
            result[r] = VectorMath.TopK(scores, k)
                .Select(i => (object?)new Dictionary<string, object?> { ["label"] = labels[i], ["score"] = scores[i] })
                .ToArray();
        }

        return result;
    }
}

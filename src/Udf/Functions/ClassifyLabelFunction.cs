using DeepSql.Udf.Engines;
using DeepSql.Udf.Processing;

namespace DeepSql.Udf.Functions;

/// <summary><c>name(image BLOB) → VARCHAR</c>: the label of the highest score.</summary>
public sealed class ClassifyLabelFunction : RuntimeFunction
{
    /// <inheritdoc />
    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        var (vectors, version) = RunModel(arguments, rowCount, session);
        var labels = version.Manifest.Labels!;
        var result = new object?[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            if (vectors[r] is { Length: > 0 } v)
            {
                result[r] = labels[VectorMath.TopK(v, 1)[0]];
            }
        }

        return result;
    }
}

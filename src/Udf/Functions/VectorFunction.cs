using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Functions;

/// <summary><c>name(image BLOB) → FLOAT[]</c> (featurize) or <c>name(text VARCHAR) → FLOAT[]</c> (embed_text): the output vector.</summary>
public sealed class VectorFunction : RuntimeFunction
{
    /// <inheritdoc />
    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        var (vectors, _) = RunModel(arguments, rowCount, session);
        var result = new object?[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            result[r] = vectors[r];
        }

        return result;
    }
}

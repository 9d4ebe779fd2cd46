using DeepSql.Registry;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Functions;

/// <summary>A model function that resolves its model through the <see cref="ModelRuntime"/> on every call.</summary>
public abstract class RuntimeFunction : ModelFunction
{
    /// <summary>The runtime that owns the loaded sessions.</summary>
    public required ModelRuntime Runtime { get; init; }

    /// <summary>Runs the model on argument 0 of every row; the vectors plus the version that produced them.</summary>
    protected (float[]?[] Vectors, ModelVersion Version) RunModel(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        var column = arguments[0];
        IReadOnlyList<object?> rows = column.Length == rowCount ? column : column.AsSpan(0, rowCount).ToArray();
        return Runtime.RunForFunction(ModelName, Name, rows, session);
    }
}

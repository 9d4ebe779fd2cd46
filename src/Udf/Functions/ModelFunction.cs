using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Functions;

/// <summary>
/// A vectorized SQL scalar function backed by a model: the engine hands it a batch of rows (a DuckDB chunk) and
/// gets a column back. Engine-neutral: values are CLR values as documented on <see cref="SqlType"/>.
/// </summary>
public abstract class ModelFunction
{
    /// <summary>SQL name (predict_color, predict_color_topk, …).</summary>
    public required string Name { get; init; }

    /// <summary>Name of the model in the registry it resolves through.</summary>
    public required string ModelName { get; init; }

    /// <summary>Parameter types.</summary>
    public required IReadOnlyList<SqlType> Parameters { get; init; }

    /// <summary>Parameter names for catalogs (image, k, text).</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>Result type.</summary>
    public required SqlType ReturnType { get; init; }

    /// <summary>One line for catalogs: task, version, input contract.</summary>
    public required string Description { get; init; }

    /// <summary>
    /// Computes the function for <paramref name="rowCount"/> rows. <paramref name="arguments"/>[i][r] is argument i of
    /// row r. Returns one value per row (null = SQL NULL). Throws <see cref="EngineException"/> for a SQL-level error
    /// (22P02 in strict mode, 57014 when cancelled); the engine glue reports it through the engine's error API.
    /// </summary>
    public abstract object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session);
}

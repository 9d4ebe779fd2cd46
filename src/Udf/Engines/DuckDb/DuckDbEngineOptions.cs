namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>How to create the embedded DuckDB database.</summary>
public sealed record DuckDbEngineOptions
{
    /// <summary>Database file (e.g. data/deepsql.duckdb); null for an in-memory database.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Absolute folders queries may read (read_blob, read_csv, …): the data dir and each --files-dir.</summary>
    public IReadOnlyList<string> AllowedDirectories { get; init; } = [];

    /// <summary>DuckDB worker threads; these also run model functions (image decoding).</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>DuckDB memory_limit, e.g. "2GB"; null leaves DuckDB's default.</summary>
    public string? MemoryLimit { get; init; }
}

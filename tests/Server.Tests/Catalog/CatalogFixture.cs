using DeepSql.Server.PgWire.Catalog;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using DeepSql.Udf.Functions;
using DeepSql.Udf.Sql;

using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>A model function that only exists to be listed by the catalog.</summary>
internal sealed class CatalogOnlyFunction : ModelFunction
{
    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session) =>
        new object?[rowCount];
}

/// <summary>
/// One DuckDB database with the catalog prepared, a user table and two model functions, shared by a test class.
/// </summary>
public sealed class CatalogFixture : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"deepsql-catalog-{Guid.NewGuid():N}.duckdb");
    private DuckDbEngine _engine = null!;
    private int _nextSession = 100;

    internal List<ModelFunction> Functions { get; } =
    [
        new CatalogOnlyFunction
        {
            Name = "predict_color", ModelName = "color", Parameters = [SqlType.Blob], ParameterNames = ["image"],
            ReturnType = SqlType.Text, Description = "classify v3: 8x8 RGB image → color label",
        },
        new CatalogOnlyFunction
        {
            Name = "embed", ModelName = "minilm", Parameters = [SqlType.Text], ParameterNames = ["text"],
            ReturnType = SqlType.Float32List, Description = "embed_text v1: all-MiniLM-L6-v2, 384 floats",
        },
    ];

    internal PgCatalog Catalog { get; private set; } = null!;

    internal IEngineSession Session { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // a database file, so that sessions are separate connections to one database as in the service
        _engine = new DuckDbEngine(new DuckDbEngineOptions { DatabasePath = _path, Threads = 1 });
        Catalog = new PgCatalog(_engine, () => Functions);
        Session = OpenSession("analyst");
        Exec(Session, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL DEFAULT 'x', score DOUBLE, "
                      + "taken TIMESTAMP, tags VARCHAR[], price DECIMAL(10,2))");
        Exec(Session, "COMMENT ON TABLE photos IS 'labelled photos'");
        Exec(Session, "CREATE VIEW photo_names AS SELECT id, name FROM photos");
        Exec(Session, "CREATE SCHEMA lab");
        Exec(Session, "CREATE TABLE lab.runs (run_id BIGINT, started DATE)");
        return Task.CompletedTask;
    }

    internal IEngineSession OpenSession(string user)
    {
        var session = _engine.OpenSession(new SessionContext { SessionId = _nextSession++, User = user });
        Catalog.PrepareSession(session);
        return session;
    }

    /// <summary>Rewrites and runs one statement, returning its rows.</summary>
    internal List<object?[]> Query(string sql, IEngineSession? session = null)
    {
        using var result = (session ?? Session).Execute(Catalog.Rewrite(sql));
        var rows = new List<object?[]>();
        while (result.TryReadBatch(2048, out var batch))
        {
            rows.AddRange(batch.Rows);
        }

        return rows;
    }

    /// <summary>Runs a client's multi-statement batch (as a simple Query message carries it), one result per statement.</summary>
    internal List<List<object?[]>> QueryBatch(string sql) =>
        SqlText.Split(Catalog.Rewrite(sql)).Select(s => Query(s)).ToList();

    internal static void Exec(IEngineSession session, string sql)
    {
        using var result = session.Execute(sql);
        while (result.TryReadBatch(1024, out _))
        {
        }
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        foreach (var file in new[] { _path, _path + ".wal" }.Where(File.Exists))
        {
            File.Delete(file);
        }
    }
}

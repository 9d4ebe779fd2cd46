using DeepSql.TestSupport;
using DeepSql.Server.PgWire.Catalog;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using DeepSql.Udf.Functions;
using DeepSql.Udf.Sql;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>The catalog on the real DuckDB engine (safety settings locked), as the server wires it.</summary>
public sealed class RealEngineTests : IAsyncLifetime
{
    private readonly DuckDbEngine _engine = new(new DuckDbEngineOptions { Threads = 1 });
    private readonly List<ModelFunction> _functions = [];
    private PgCatalog _catalog = null!;

    public Task InitializeAsync()
    {
        _catalog = new PgCatalog(_engine, () => _functions);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _engine.DisposeAsync().AsTask();

    private List<object?[]> Query(IEngineSession session, string sql)
    {
        var rows = new List<object?[]>();
        using var result = session.Execute(_catalog.Rewrite(sql));
        while (result.TryReadBatch(1024, out var batch))
        {
            rows.AddRange(batch.Rows);
        }

        return rows;
    }

    [Fact]
    public void Npgsql_type_loading_and_psql_backslash_d_work_on_the_locked_engine()
    {
        using var session = _engine.OpenSession(new SessionContext { SessionId = 7, User = "analyst" });
        _catalog.PrepareSession(session);
        Query(session, "CREATE TABLE cats (id INTEGER PRIMARY KEY, label VARCHAR)");

        var batches = SqlText.Split(ClientQueries.Npgsql10TypeLoading).Select(s => Query(session, s)).ToList();
        Assert.Contains(batches[1], r => r[2] is "int4" && r[3] is "b");
        Assert.Contains(batches[1], r => r[2] is "_text" && r[3] is "a");

        Assert.Equal([["public", "cats", "table", "analyst"]], Query(session, ClientQueries.PsqlListTables));
    }

    [Fact]
    public void A_second_session_sees_the_catalog_and_new_model_functions_after_refresh()
    {
        using var first = _engine.OpenSession(new SessionContext { SessionId = 8, User = "analyst" });
        _catalog.PrepareSession(first);
        Assert.Empty(Query(first, ClientQueries.PsqlListFunctions));

        _functions.Add(new CatalogOnlyFunction
        {
            Name = "predict_shape", ModelName = "shapes", Parameters = [SqlType.Blob, SqlType.Int32],
            ParameterNames = ["image", "k"], ReturnType = SqlType.List(SqlType.Text), Description = "classify v1: shapes",
        });
        using var second = _engine.OpenSession(new SessionContext { SessionId = 9, User = "bob" });
        _catalog.PrepareSession(second);

        Assert.Equal([["public", "predict_shape", "text[]", "image bytea, k integer", "func"]], Query(second, ClientQueries.PsqlListFunctions));
        Assert.Equal([["public", "predict_shape", "text[]", "image bytea, k integer", "func"]], Query(first, ClientQueries.PsqlListFunctions));
        Assert.Equal("bob", Query(second, "SELECT current_user").Single()[0]);

        _functions.Clear();
        _catalog.RefreshFunctions(first);
        Assert.Empty(Query(second, ClientQueries.PsqlListFunctions));
    }

    [Fact]
    public async Task Restarting_on_a_database_file_recreates_the_catalog_over_the_old_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deepsql-catalog-restart-{Guid.NewGuid():N}.duckdb");
        try
        {
            for (var run = 0; run < 2; run++)
            {
                await using var engine = new DuckDbEngine(new DuckDbEngineOptions { DatabasePath = path, Threads = 1 });
                var catalog = new PgCatalog(engine, () => _functions);
                using var session = engine.OpenSession(new SessionContext { SessionId = 20 + run, User = "analyst" });
                catalog.PrepareSession(session);
                if (run == 0)
                {
                    using var created = session.Execute("CREATE TABLE kept (id INTEGER)");
                }

                using var result = session.Execute(catalog.Rewrite(ClientQueries.PsqlListTables));
                Assert.True(result.TryReadBatch(10, out var batch));
                Assert.Equal([["public", "kept", "table", "analyst"]], batch.Rows);
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".wal");
        }
    }
}

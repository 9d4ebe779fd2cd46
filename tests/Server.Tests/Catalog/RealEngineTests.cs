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

    private List<object?[]> Query(IEngineSession session, string sql) => Query(_catalog, session, sql);

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
    public Task Restarting_on_a_database_file_recreates_the_catalog_over_the_old_one() =>
        TwoRunsOnOneFile((run, catalog, session) =>
        {
            if (run == 0)
            {
                Run(session, "CREATE TABLE kept (id INTEGER)");
            }

            Assert.Equal([["public", "kept", "table", "analyst"]], Query(catalog, session, ClientQueries.PsqlListTables));
        });

    [Fact]
    public Task Varchar_lengths_and_name_columns_survive_a_restart_with_their_types() =>
        TwoRunsOnOneFile((run, catalog, session) =>
        {
            if (run == 0)
            {
                Run(session, catalog.Rewrite("CREATE TABLE notes (title VARCHAR(12) NOT NULL, owner name)"));
                Run(session, "INSERT INTO notes VALUES ('first', 'ann')");
            }

            // after the restart the types must be known again for upper() to bind to them
            using (var result = session.Execute("SELECT title, owner, upper(title) AS t, upper(owner) AS o FROM notes"))
            {
                Assert.Equal(["varchar(12)", "name", "VARCHAR", "VARCHAR"], result.Columns.Select(c => c.Type.EngineName));
                Assert.True(result.TryReadBatch(10, out var batch));
                Assert.Equal([["first", "ann", "FIRST", "ANN"]], batch.Rows);
            }

            Assert.Equal(
                [
                    ["title", 1043u, 16, "character varying(12)", 12],
                    ["owner", 19u, -1, "name", null],
                ],
                Query(catalog, session,
                    "SELECT a.attname, a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod), c.character_maximum_length " +
                    "FROM pg_attribute a JOIN information_schema.columns c ON c.table_name = 'notes' AND c.column_name = a.attname " +
                    "WHERE a.attrelid = 'notes'::regclass ORDER BY a.attnum"));
        });

    /// <summary>Runs <paramref name="check"/> on a fresh engine and catalog over one database file, twice (a restart).</summary>
    private async Task TwoRunsOnOneFile(Action<int, PgCatalog, IEngineSession> check)
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
                check(run, catalog, session);
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".wal");
        }
    }

    private static List<object?[]> Query(PgCatalog catalog, IEngineSession session, string sql)
    {
        var rows = new List<object?[]>();
        using var result = session.Execute(catalog.Rewrite(sql));
        while (result.TryReadBatch(1024, out var batch))
        {
            rows.AddRange(batch.Rows);
        }

        return rows;
    }

    private static void Run(IEngineSession session, string sql)
    {
        using var result = session.Execute(sql);
        while (result.TryReadBatch(1024, out _))
        {
        }
    }
}

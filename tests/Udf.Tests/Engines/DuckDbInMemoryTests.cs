using Xunit;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbInMemoryTests
{
    [Fact]
    public async Task Sessions_of_an_in_memory_engine_share_one_database_and_its_functions()
    {
        await using var engine = new DuckDbEngine(new DuckDbEngineOptions { DatabasePath = null, Threads = 1 });
        using var a = engine.OpenSession(new SessionContext { SessionId = 1 });
        using var b = engine.OpenSession(new SessionContext { SessionId = 2 });
        a.Rows("CREATE TABLE shared_t AS SELECT 41 AS v");
        engine.RegisterFunction(TestFunction.Map("fn_inc", SqlType.Int32, SqlType.Int32, (v, s) => (int)v + s.SessionId));
        Assert.Equal(43, b.Scalar("SELECT fn_inc(v) FROM shared_t"));
        Assert.Equal(42, a.Scalar("SELECT fn_inc(v) FROM shared_t"));
        Assert.Equal(1L, b.Scalar("SELECT current_setting('threads')::BIGINT"));
    }

    [Fact]
    public async Task An_in_memory_engine_without_allowed_folders_reads_no_files()
    {
        await using var engine = new DuckDbEngine(new DuckDbEngineOptions { Threads = 1 });
        using var session = engine.OpenSession(new SessionContext { SessionId = 1 });
        Assert.Equal("42501", session.Fails($"SELECT * FROM read_blob('{Path.GetTempPath()}*')").SqlState);
    }

    [Fact]
    public async Task Timestamps_with_time_zone_are_shown_in_utc()
    {
        await using var engine = new DuckDbEngine(new DuckDbEngineOptions { Threads = 1 });
        using var session = engine.OpenSession(new SessionContext { SessionId = 1 });
        Assert.Equal("2024-01-01 10:00:00+00", session.Scalar("SELECT (TIMESTAMPTZ '2024-01-01 12:00:00+02')::VARCHAR"));
        Assert.Equal("42501", session.Fails("SET TimeZone = 'Europe/Paris'").SqlState);
    }
}

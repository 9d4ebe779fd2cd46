using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using Xunit;

namespace DeepSql.Udf.Tests.Engines;

/// <summary>Several results open at once in one session (cursors, suspended portals): DuckDB streams one.</summary>
public sealed class DuckDbOpenResultsTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    [Fact]
    public void An_open_result_keeps_its_rows_after_a_later_statement_runs()
    {
        using var session = fixture.Open();
        using var first = session.Execute("SELECT i FROM range(10000) t(i) ORDER BY i");
        var firstRows = Read(first, 100);

        using var second = session.Execute("SELECT i * 2 FROM range(5000) t(i) ORDER BY i");
        var secondRows = Read(second, 7);

        // a third statement sets the second result aside too; the first one is held already
        Assert.Equal(42L, session.Scalar("SELECT 42::BIGINT"));

        firstRows.AddRange(ReadAll(first));
        secondRows.AddRange(ReadAll(second));
        Assert.Equal(Enumerable.Range(0, 10000).Select(i => (object?)(long)i), firstRows);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (object?)(2L * i)), secondRows);
        Assert.False(first.TryReadBatch(10, out _));
        Assert.Equal(0, ((DuckDbSession)session).HeldBytes);
    }

    [Fact]
    public void Describe_sets_an_open_result_aside_as_well()
    {
        using var session = fixture.Open();
        using var open = session.Execute("SELECT 'v' || i AS v FROM range(3000) t(i) ORDER BY i");
        var rows = Read(open, 1).Select(r => (string)r!).ToList();
        var described = session.Describe("SELECT 1 AS one");
        Assert.Equal("one", Assert.Single(described.Columns).Name);
        rows.AddRange(ReadAll(open).Select(r => (string)r!));
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => "v" + i), rows);
    }

    [Fact]
    public void Past_the_memory_limit_the_later_statement_fails_with_54000_and_the_open_result_streams_on()
    {
        using var session = fixture.Open();
        var duck = (DuckDbSession)session;
        duck.SetAsideLimitBytes = 64 << 10;
        using var big = session.Execute("SELECT i, repeat('x', 100) AS pad FROM range(20000) t(i) ORDER BY i");
        var rows = Read(big, 10);

        var error = Assert.Throws<EngineException>(() => session.Execute("SELECT 1"));
        Assert.Equal(SqlStates.ProgramLimitExceeded, error.SqlState);
        Assert.Same(big, error.Result);
        Assert.StartsWith("an open result of this session holds more than 64 KiB of unread rows", error.Message);

        rows.AddRange(ReadAll(big));
        Assert.Equal(Enumerable.Range(0, 20000).Select(i => (object?)(long)i), rows);
        Assert.Equal(0, duck.HeldBytes);
        Assert.Equal(1, session.Scalar("SELECT 1"));
    }

    [Fact]
    public void An_engine_error_met_while_setting_aside_comes_after_the_rows_before_it()
    {
        using var session = fixture.Open();
        using var failing = session.Execute(
            "SELECT CASE WHEN i < 1000000 THEN i ELSE error('boom at ' || i) END AS v FROM range(2000000) t(i)");
        var rows = Read(failing, 5);
        Assert.Equal(7, session.Scalar("SELECT 7"));

        var error = Assert.Throws<EngineException>(() => rows.AddRange(ReadAll(failing)));
        Assert.Contains("boom at", error.Message);
        Assert.InRange(rows.Count, 5, 1000000);
        Assert.All(rows, v => Assert.InRange((long)v!, 0, 999999));
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    private static List<object?> Read(IQueryResult result, int count)
    {
        Assert.True(result.TryReadBatch(count, out var batch));
        Assert.Equal(count, batch.Rows.Count);
        return batch.Rows.Select(r => r[0]).ToList();
    }

    private static List<object?> ReadAll(IQueryResult result)
    {
        var rows = new List<object?>();
        while (result.TryReadBatch(999, out var batch))
        {
            rows.AddRange(batch.Rows.Select(r => r[0]));
        }

        return rows;
    }
}

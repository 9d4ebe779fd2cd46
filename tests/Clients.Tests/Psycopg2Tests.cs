namespace DeepSql.Clients.Tests;

/// <summary>
/// psycopg2 from Debian through tests/clients/python/probe.py, run by /usr/bin/python3: client-side parameters, a
/// named (server-side) cursor read with fetchmany (DECLARE/FETCH), arrays, an error's pgcode.
/// </summary>
[Collection("clients")]
public sealed class Psycopg2Tests : IClassFixture<Psycopg2Tests.Run>
{
    private const string Table = "psycopg_items";
    private readonly ProbeOutput _out;

    private readonly ProbeOutput _postgres;

    public Psycopg2Tests(ServiceFixture service, PostgresFixture postgres, Run run)
    {
        _out = run.Get(service);
        _postgres = run.GetPostgres(postgres);
    }

    public sealed class Run : DifferentialProbeRun
    {
        protected override string Client => "psycopg2";

        protected override string Setup =>
            $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} AS SELECT CAST(i AS INTEGER) AS id, 'n' || i AS name FROM generate_series(1, 7) t(i)";

        protected override ProcessResult Probe(int port, string user, string database, bool postgres) =>
            Tools.Run(Tools.DebianPython, [Tools.ClientScript("python/probe.py"),
                $"host=127.0.0.1 port={port} dbname={database} user={user} connect_timeout=10", Table]);
    }

    [Fact]
    public void Probe_connects_and_runs_every_step()
    {
        Assert.Contains(_out.Lines, l => l.StartsWith("CONNECTED|", StringComparison.Ordinal));
        _out.Completed();
        _out.NoErrorsBut("error");
    }

    [Theory]
    [InlineData("PARAM")]
    [InlineData("TYPED")]
    [InlineData("FETCHMANY")]
    [InlineData("ARRAY")]
    [InlineData("AFTER_ERROR")]
    public void Lines_equal_those_of_postgresql_15(string key)
    {
        _postgres.Completed();
        var theirs = _postgres.WithKey(key).ToList();
        var mine = _out.WithKey(key).ToList();
        Assert.NotEmpty(theirs);
        Assert.True(theirs.SequenceEqual(mine),
            $"psycopg2 {key} lines differ\n--- PostgreSQL 15 ---\n{string.Join("\n", theirs)}\n--- service ---\n{string.Join("\n", mine)}");
    }

    [Fact]
    public void Query_parameters_are_bound()
    {
        Assert.Equal(Enumerable.Range(2, 6).Select(i => $"PARAM|{i}|n{i}"), _out.WithKey("PARAM"));
        _out.Has("TYPED|2024-01-02|2.5|it's");
    }

    [Fact]
    public void Named_cursor_fetches_in_batches_of_three()
    {
        _out.Has("FETCHMANY|1,2,3;4,5,6;7");
    }

    [Fact]
    public void Arrays_become_python_lists()
    {
        _out.Has("ARRAY|[1.5, -2.25]|['a', 'b c']");
    }

    [Fact]
    public void Error_has_pgcode_42P01_and_the_connection_goes_on()
    {
        Assert.Contains(_out.Lines, l => l.StartsWith("ERROR|error|42P01|", StringComparison.Ordinal));
        _out.Has("AFTER_ERROR|42");
    }
}

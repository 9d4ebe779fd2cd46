namespace DeepSql.Clients.Tests;

/// <summary>
/// node-postgres (pg 8.23.1 from the npm registry, tests/clients/node) through tests/clients/node/probe.js, run by
/// Node 20: parameters over the extended protocol in text format, the JavaScript values pg parses per type OID, a
/// named prepared statement run twice, errors' code and position, rowMode 'array'. Compared with PostgreSQL 15.
/// </summary>
[Collection("clients")]
public sealed class NodePostgresTests : IClassFixture<NodePostgresTests.Run>
{
    private const string Table = "node_items";
    private readonly ProbeOutput _out;
    private readonly ProbeOutput _postgres;

    public NodePostgresTests(ServiceFixture service, PostgresFixture postgres, Run run)
    {
        _out = run.Get(service);
        _postgres = run.GetPostgres(postgres);
    }

    public sealed class Run : DifferentialProbeRun
    {
        protected override string Client => "node-postgres";

        protected override string Setup =>
            $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} AS SELECT CAST(i AS INTEGER) AS id, 'n' || i AS name FROM generate_series(1, 5) t(i)";

        // TZ=UTC: pg turns date and timestamptz into JavaScript Dates in the process's zone
        protected override ProcessResult Probe(int port, string user, string database, bool postgres) =>
            Tools.Run(Tools.Node, [Tools.NodeProbe, $"postgresql://{user}@127.0.0.1:{port}/{database}", Table],
                new Dictionary<string, string> { ["TZ"] = "UTC" });
    }

    [Fact]
    public void Probe_connects_and_runs_every_step()
    {
        _out.Has("CONNECTED");
        _out.Completed();
        _out.NoErrorsBut("no_such_table", "no_such_column", "no_such_column_extended");
    }

    [Theory]
    [InlineData("PARAM")]
    [InlineData("PARAM_FIELDS")]
    [InlineData("PARAM_COMMAND")]
    [InlineData("PREPARED")]
    [InlineData("AFTER_ERROR")]
    [InlineData("ARRAY_ROW")]
    [InlineData("ARRAY_FIELDS")]
    [InlineData("SIMPLE")]
    public void Lines_equal_those_of_postgresql_15(string key) => _out.SameAs(_postgres, key);

    [Fact]
    public void Types_parse_to_the_values_postgresql_15_gives()
    {
        // TYPE|column|type OID|parsed value
        _out.SameAs(_postgres, "TYPE");
    }

    [Fact]
    public void Types_parse_as_pg_documents()
    {
        _out.Has("TYPE|i4|23|number:42");
        // int8 and numeric stay strings (no precision lost in a JavaScript number)
        _out.Has("TYPE|i8|20|string:9007199254740993");
        _out.Has("TYPE|num|1700|string:12345678901234567890.125");
        _out.Has("TYPE|f8|701|number:2.5");
        _out.Has("TYPE|b|16|boolean:true");
        _out.Has("TYPE|t|25|string:it's");
        _out.Has("TYPE|d|1082|Date(2024-01-02T00:00:00.000Z)");
        _out.Has("TYPE|tz|1184|Date(2024-01-02T03:04:05.500Z)");
        _out.Has("TYPE|f4a|1021|[number:1.5,number:-2.25,number:0]");
        _out.Has("TYPE|j|114|{\"a\":[1,2],\"b\":null}");
        _out.Has("TYPE|bin_text|17|Buffer(616263)");
        _out.Has("TYPE|n|23|object:null");
    }

    [Fact]
    public void Bytea_hex_input_is_read_like_postgresql()
    {
        _postgres.Has("TYPE|bin_hex|17|Buffer(00ff10)");
        _out.Has("TYPE|bin_hex|17|Buffer(00ff10)");
    }

    [Fact]
    public void Named_prepared_query_runs_twice_with_new_values()
    {
        Assert.Equal(["PREPARED|1|1:n1", "PREPARED|3|3:n3"], _out.WithKey("PREPARED"));
    }

    [Theory]
    [InlineData("no_such_table", "42P01", "15")]
    [InlineData("no_such_column", "42703", "8")]
    [InlineData("no_such_column_extended", "42703", "12")]
    public void Errors_have_postgresql_code_and_position(string step, string code, string position)
    {
        // The message text is DuckDB's, not PostgreSQL's; code and position (1-based, in the query) are the same.
        string CodeAndPosition(ProbeOutput o) => string.Join('|',
            (o.WithKey("ERROR").FirstOrDefault(l => l.StartsWith($"ERROR|{step}|", StringComparison.Ordinal)) ?? "(no error)")
            .Split('|').Take(4));
        Assert.Equal($"ERROR|{step}|{code}|{position}", CodeAndPosition(_postgres));
        Assert.Equal($"ERROR|{step}|{code}|{position}", CodeAndPosition(_out));
    }

    [Fact]
    public void Row_mode_array_gives_rows_as_arrays()
    {
        Assert.Equal(["ARRAY_ROW|number:1|string:n1", "ARRAY_ROW|number:2|string:n2"], _out.WithKey("ARRAY_ROW"));
        _out.Has("ARRAY_FIELDS|id,name");
    }
}

namespace DeepSql.Clients.Tests;

/// <summary>
/// pgjdbc from Debian (/usr/share/java/postgresql.jar) through tests/clients/java/Probe.java, run by Java 17 as a
/// single-file program: DatabaseMetaData, a PreparedStatement, a float4[] read with getArray, an error's SQLSTATE.
/// The probe runs once for the class; each test asserts its part of the output.
/// </summary>
[Collection("clients")]
public sealed class PgJdbcTests : IClassFixture<PgJdbcTests.Run>
{
    private const string Table = "jdbc_items";
    private readonly ProbeOutput _out;

    private readonly ProbeOutput _postgres;

    public PgJdbcTests(ServiceFixture service, PostgresFixture postgres, Run run)
    {
        _out = run.Get(service);
        _postgres = run.GetPostgres(postgres);
    }

    public sealed class Run : DifferentialProbeRun
    {
        protected override string Client => "pgjdbc";

        protected override string Setup =>
            $"DROP TABLE IF EXISTS {Table}_detail; DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price DOUBLE PRECISION); " +
            $"INSERT INTO {Table} VALUES (1, 'apple', 1.5), (2, 'pear', 2.25); " +
            $"CREATE TABLE {Table}_detail (code VARCHAR(12) NOT NULL, " +
            $"amount NUMERIC(10,2) DEFAULT 0, note TEXT DEFAULT 'n/a', item INTEGER REFERENCES {Table} (id), PRIMARY KEY (code))";

        // the third argument tells the probe it talks to PostgreSQL itself
        protected override ProcessResult Probe(int port, string user, string database, bool postgres) =>
            Tools.Run(Tools.Java, ["-cp", Tools.PgJdbcJar, Tools.ClientScript("java/Probe.java"),
                $"jdbc:postgresql://127.0.0.1:{port}/{database}?user={user}&connectTimeout=10&socketTimeout=120", Table,
                .. postgres ? new[] { "postgres" } : []]);
    }

    [Fact]
    public void Probe_connects_and_completes()
    {
        Assert.Contains(_out.Lines, l => l.StartsWith("CONNECTED|PostgreSQL|PostgreSQL JDBC Driver", StringComparison.Ordinal));
        _out.Completed();
        _out.NoErrorsBut("error", "getTypeInfo", "getPrimaryKeys");
    }

    [Fact]
    public void Probe_runs_every_step_without_error()
    {
        _out.Completed();
        _out.NoErrorsBut("error");
    }

    [Theory]
    [InlineData("COLUMN")]
    [InlineData("PREPARED")]
    [InlineData("ARRAY")]
    [InlineData("AFTER_ERROR")]
    [InlineData("SCHEMA")]
    public void Lines_equal_those_of_postgresql_15(string key)
    {
        _postgres.Completed();
        // getTypeInfo: only the types the service has; PostgreSQL has many more (geometric, network, …)
        bool Kept(string l) => key != "TYPE" || SupportedTypeNames.Contains(l.Split('|')[1]);
        var theirs = _postgres.WithKey(key).Where(Kept).ToList();
        var mine = _out.WithKey(key).Where(Kept).ToList();
        Assert.NotEmpty(theirs);
        Assert.True(theirs.SequenceEqual(mine),
            $"pgjdbc {key} lines differ\n--- PostgreSQL 15 ---\n{string.Join("\n", theirs)}\n--- service ---\n{string.Join("\n", mine)}");
    }

    private static readonly HashSet<string> SupportedTypeNames =
    [
        "bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar", "bytea", "date", "timestamp",
        "timestamptz", "interval", "uuid", "json", "_float4", "_int4", "_text",
    ];

    [Theory]
    [InlineData("PK")]
    [InlineData("TYPE")]
    [InlineData("COLUMN_DETAIL")]
    [InlineData("FK")]
    [InlineData("EXPORTED")]
    [InlineData("INDEX")]
    [InlineData("RSMD")]
    public void Metadata_lines_equal_those_of_postgresql_15(string key) => Lines_equal_those_of_postgresql_15(key);

    [Fact]
    public void GetSchemas_lists_public_and_pg_catalog()
    {
        _out.Has("SCHEMA|public");
        _out.Has("SCHEMA|pg_catalog");
    }

    [Fact]
    public void GetTables_lists_the_table()
    {
        _out.Has($"TABLE|public|{Table}|TABLE");
    }

    [Fact]
    public void GetColumns_gives_jdbc_types_names_positions_and_nullability()
    {
        // java.sql.Types: INTEGER 4, VARCHAR 12, DOUBLE 8
        _out.Has("COLUMN|id|4|int4|1|NO");
        // pgjdbc maps text to java.sql.Types.VARCHAR
        _out.Has("COLUMN|name|12|text|2|NO");
        _out.Has("COLUMN|price|8|float8|3|YES");
    }

    [Fact]
    public void GetPrimaryKeys_names_the_key_column()
    {
        _out.Has("PK|id|1");
    }

    [Fact]
    public void GetFunctions_lists_the_model_functions()
    {
        _out.Has("FUNCTION|featurize");
        _out.Has("FUNCTION|embed");
    }

    [Fact]
    public void GetTypeInfo_maps_base_types_to_jdbc_types()
    {
        // java.sql.Types: BIT -7 (pgjdbc's bool), INTEGER 4, BIGINT -5, REAL 7, DOUBLE 8, VARCHAR 12, ARRAY 2003
        _out.Has("TYPE|bool|-7");
        _out.Has("TYPE|int4|4");
        _out.Has("TYPE|int8|-5");
        _out.Has("TYPE|float4|7");
        _out.Has("TYPE|float8|8");
        _out.Has("TYPE|varchar|12");
        _out.Has("TYPE|_float4|2003");
    }

    [Fact]
    public void PreparedStatement_with_parameters_returns_the_matching_rows()
    {
        _out.Has("PREPARED|1|apple|1.5");
        _out.Has("PREPARED|2|pear|2.25");
    }

    [Fact]
    public void Float4_array_reads_with_getArray()
    {
        _out.Has("ARRAY|float4|[1.5, -2.25]");
        _out.Has("EMBED|384");
    }

    [Fact]
    public void Error_has_sqlstate_42P01_and_the_connection_goes_on()
    {
        Assert.Contains(_out.Lines, l => l.StartsWith("ERROR|error|42P01|", StringComparison.Ordinal));
        _out.Has("AFTER_ERROR|42");
    }
}

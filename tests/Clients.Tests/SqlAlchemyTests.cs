namespace DeepSql.Clients.Tests;

/// <summary>
/// SQLAlchemy 1.4 from Debian (python3-sqlalchemy), its PostgreSQL dialect over psycopg2, through
/// tests/clients/python/sqlalchemy_probe.py: what Apache Superset does when a database is added and its tables are
/// browsed (inspect(engine) reflection of columns, keys, indexes, views), then text() with bound parameters and a
/// select() over a Table reflected with autoload. The same tables on PostgreSQL 15 give the expected report.
/// </summary>
[Collection("clients")]
public sealed class SqlAlchemyTests : IClassFixture<SqlAlchemyTests.Run>
{
    private const string Items = "sqla_items";
    private const string Orders = "sqla_orders";
    private const string View = "sqla_cheap";

    private readonly ProbeOutput _out;
    private readonly ProbeOutput _postgres;

    public SqlAlchemyTests(ServiceFixture service, PostgresFixture postgres, Run run)
    {
        _out = run.Get(service);
        _postgres = run.GetPostgres(postgres);
    }

    public sealed class Run : DifferentialProbeRun
    {
        protected override string Client => "SQLAlchemy";

        // Valid on both: the view and the referencing table go first (PostgreSQL tracks the dependencies).
        protected override string Setup =>
            $"DROP VIEW IF EXISTS {View}; DROP TABLE IF EXISTS {Orders}; DROP TABLE IF EXISTS {Items}; " +
            $"CREATE TABLE {Items} (id INTEGER PRIMARY KEY, big BIGINT, code VARCHAR(12) NOT NULL, note TEXT, " +
            "price DOUBLE PRECISION DEFAULT 1.5, active BOOLEAN NOT NULL DEFAULT true, day DATE, seen TIMESTAMP, " +
            "amount NUMERIC(10,2), UNIQUE (code)); " +
            $"CREATE TABLE {Orders} (order_id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES {Items} (id), qty INTEGER NOT NULL); " +
            $"INSERT INTO {Items} VALUES (1, 10000000000, 'a1', 'first', 1.5, true, DATE '2024-01-02', " +
            "TIMESTAMP '2024-01-02 03:04:05', 12.34), (2, NULL, 'b2', NULL, 2.25, false, NULL, NULL, NULL), " +
            "(3, 3, 'c3', 'third', 3.0, true, DATE '2024-03-04', TIMESTAMP '2024-03-04 05:06:07', 0.5); " +
            $"INSERT INTO {Orders} VALUES (1, 1, 5), (2, 3, 7); " +
            $"CREATE VIEW {View} AS SELECT id, code FROM {Items} WHERE price < 2.5; " +
            $"CREATE INDEX sqla_items_day ON {Items} (day)";

        protected override ProcessResult Probe(int port, string user, string database, bool postgres) =>
            Tools.Run(Tools.SqlAlchemyPython,
                [Tools.ClientScript("python/sqlalchemy_probe.py"), $"postgresql+psycopg2://{user}@127.0.0.1:{port}/{database}", Items, Orders, View]);
    }

    [Fact]
    public void Probe_connects_and_runs_every_step_without_error()
    {
        _out.Has("CONNECTED|1.4.46|postgresql|psycopg2");
        _out.Completed();
        _out.NoErrorsBut();
    }

    [Theory]
    [InlineData("SCHEMAS")]
    [InlineData("DEFAULT_SCHEMA")]
    [InlineData("TABLES")]
    [InlineData("TABLES_PUBLIC")]
    [InlineData("VIEWS")]
    [InlineData("COLUMN")]
    [InlineData("VIEW_COLUMN")]
    [InlineData("PK")]
    [InlineData("FK_COUNT")]
    [InlineData("FK")]
    [InlineData("INDEX")]
    [InlineData("INDEX_DONE")]
    [InlineData("UNIQUE")]
    [InlineData("UNIQUE_DONE")]
    [InlineData("HAS_TABLE")]
    [InlineData("HAS_TABLE_PUBLIC")]
    [InlineData("TEXT")]
    [InlineData("TEXT_TYPED")]
    [InlineData("REFLECTED")]
    [InlineData("SELECT")]
    [InlineData("SELECT_NULL")]
    [InlineData("SELECT_IN")]
    [InlineData("REFLECTED_FK")]
    [InlineData("JOIN")]
    public void Lines_equal_those_of_postgresql_15(string key) => _out.SameAs(_postgres, key);

    [Fact]
    public void Inspector_lists_the_public_schema_tables_and_view()
    {
        _out.Has("SCHEMAS|True");
        _out.Has("DEFAULT_SCHEMA|public");
        Assert.Equal([$"TABLES|{Items}", $"TABLES|{Orders}"], _out.WithKey("TABLES"));
        Assert.Equal([$"VIEWS|{View}"], _out.WithKey("VIEWS"));
        _out.Has($"HAS_TABLE|{Items}|True");
        _out.Has("HAS_TABLE|sqla_no_such_table|False");
    }

    [Fact]
    public void Get_columns_gives_types_nullability_and_defaults()
    {
        // name | str(type) | nullable | default (pg_get_expr of pg_attrdef) | autoincrement
        Assert.Equal(
        [
            "COLUMN|id|INTEGER|False|None|False",
            "COLUMN|big|BIGINT|True|None|False",
            "COLUMN|code|VARCHAR(12)|False|None|False",
            "COLUMN|note|TEXT|True|None|False",
            "COLUMN|price|DOUBLE_PRECISION|True|1.5|False",
            "COLUMN|active|BOOLEAN|False|true|False",
            "COLUMN|day|DATE|True|None|False",
            "COLUMN|seen|TIMESTAMP|True|None|False",
            "COLUMN|amount|NUMERIC(10, 2)|True|None|False",
        ], _out.WithKey("COLUMN"));
    }

    [Fact]
    public void Keys_and_indexes_carry_postgresql_names()
    {
        _out.Has($"PK|{Items}|id|{Items}_pkey");
        _out.Has($"FK|{Orders}|item_id|None|{Items}|id|{Orders}_item_id_fkey");
        _out.Has($"UNIQUE|{Items}|code|{Items}_code_key");
        // the UNIQUE constraint's index and the CREATE INDEX, each with its column; the primary key's is left out
        Assert.Equal([$"INDEX|{Items}|{Items}_code_key|code|True", $"INDEX|{Items}|sqla_items_day|day|False"],
            _out.WithKey("INDEX"));
    }

    [Fact]
    public void Text_binds_named_parameters_and_select_reads_a_reflected_table()
    {
        Assert.Equal(["TEXT|2|b2", "TEXT|3|c3"], _out.WithKey("TEXT"));
        _out.Has("SELECT|1|a1|Decimal('12.34')|datetime.date(2024, 1, 2)|True");
        _out.Has("SELECT_NULL|b2");
        _out.Has("SELECT_IN|2");
        _out.Has($"JOIN|2|c3");
    }

    [Fact]
    public void Server_version_info_is_the_advertised_15_0()
    {
        // Legitimately different: the service announces server_version 15.0, PostgreSQL its minor release (15.x);
        // both are major 15, which is what the dialect's feature checks read.
        _out.Has("SERVER_VERSION|(15, 0)");
        _out.Has("DIALECT_VERSION|(15, 0)");
        Assert.Contains(_postgres.Lines, l => l.StartsWith("SERVER_VERSION|(15, ", StringComparison.Ordinal));
    }
}

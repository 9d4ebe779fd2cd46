namespace DeepSql.Clients.Tests;

/// <summary>
/// psqlODBC (Debian odbc-postgresql, the Unicode driver psqlodbcw.so) through unixODBC's isql in batch mode, with a
/// temporary odbcinst.ini/odbc.ini found through ODBCSYSINI/ODBCINI: connect, list tables (help = SQLTables), query.
/// </summary>
[Collection("clients")]
public sealed class PsqlOdbcTests(ServiceFixture service, PostgresFixture postgres) : IAsyncLifetime, IDisposable
{
    private const string Table = "odbc_items";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "deepsql-odbc-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => service.ExecuteAsync(
        $"CREATE OR REPLACE TABLE {Table} (id INTEGER, name VARCHAR, price DOUBLE); " +
        $"INSERT INTO {Table} VALUES (1, 'apple', 1.5), (2, 'pear', 2.25)");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private ProcessResult Isql(string input) => Isql(input, service.Port, "deepsql", "analyst");

    private ProcessResult Isql(string input, int port, string database, string user)
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "odbcinst.ini"), $"""
            [PostgreSQL Unicode]
            Description=psqlODBC
            Driver={Tools.PsqlOdbcDriver}

            """);
        File.WriteAllText(Path.Combine(_dir, "odbc.ini"), $"""
            [deepsql]
            Driver=PostgreSQL Unicode
            Servername=127.0.0.1
            Port={port}
            Database={database}
            Username={user}
            SSLmode=disable

            """);
        var env = new Dictionary<string, string> { ["ODBCSYSINI"] = _dir, ["ODBCINI"] = Path.Combine(_dir, "odbc.ini") };
        // -b batch (no prompts), -v verbose errors, -d| delimited rows, -c column names first
        return Tools.Run(Tools.Isql, ["-v", "-b", "-d|", "-c", "deepsql"], env, input);
    }

    /// <summary>Runs the same setup on the service and on PostgreSQL 15.</summary>
    private async Task CreateOnBothAsync(string sql)
    {
        await service.ExecuteAsync(sql);
        await using var c = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string[] Lines(ProcessResult r) =>
        r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Connects_and_runs_a_query()
    {
        var r = Isql($"SELECT id, name, price FROM {Table} ORDER BY id\n");
        Assert.True(r.ExitCode == 0, $"isql failed\n{r}");
        var lines = Lines(r);
        Assert.True(lines.Length >= 3, $"isql printed too little\n{r}");
        Assert.Equal(["id|name|price", "1|apple|1.5", "2|pear|2.25"], lines[..3]);
    }

    [Fact]
    public async Task Query_output_equals_postgresqls()
    {
        const string create = "DROP TABLE IF EXISTS odbcdiff_items; CREATE TABLE odbcdiff_items (id integer, name text, price double precision, day date, ok boolean); " +
            "INSERT INTO odbcdiff_items VALUES (1, 'apple', 1.5, CAST('2024-01-02' AS date), true), (2, NULL, -0.25, NULL, false)";
        await CreateOnBothAsync(create);

        const string query = "SELECT id, name, price, day, ok FROM odbcdiff_items ORDER BY id\n";
        var theirs = Isql(query, postgres.Port, "postgres", "postgres");
        var mine = Isql(query);
        Assert.True(theirs.ExitCode == 0 && Lines(theirs).Length >= 3, $"isql on PostgreSQL 15 failed\n{theirs}");
        Assert.True(theirs.Stdout == mine.Stdout, $"isql output differs\n--- PostgreSQL 15 ---\n{theirs.Stdout}\n--- service ---\n{mine}");
    }

    [Fact]
    public void Help_lists_the_table_through_SQLTables()
    {
        var r = Isql("help\n");
        Assert.True(r.ExitCode == 0, $"isql help failed\n{r}");
        // SQLTables columns: TABLE_CAT|TABLE_SCHEM|TABLE_NAME|TABLE_TYPE|REMARKS
        Assert.Contains(Lines(r), l => l.Split('|') is [_, "public", Table, "TABLE", ..]);
    }

    /// <summary>
    /// isql's "help table" is SQLColumns, which Excel and Power BI's ODBC path call to list a table's fields: every
    /// column of its answer (type names, ODBC type codes, sizes, nullability, defaults) equals PostgreSQL 15's, but
    /// the catalog name (the database: deepsql / postgres) and the table's OID.
    /// </summary>
    [Fact]
    public async Task Help_table_lists_the_columns_through_SQLColumns_as_for_postgresql()
    {
        const string create = "DROP TABLE IF EXISTS odbccols_items; CREATE TABLE odbccols_items (id integer NOT NULL, " +
            "code varchar(12), name text DEFAULT 'x', price numeric(10,2), score double precision, day date, " +
            "made_at timestamp, ok boolean, n bigint, PRIMARY KEY (id))";
        await CreateOnBothAsync(create);

        // the catalog (database name) and the table's OID differ by nature; every other field must be equal
        static string[] WithoutCatalog(ProcessResult r)
        {
            var lines = Lines(r).Select(l => l.Split('|')).ToArray();
            var oid = Array.IndexOf(lines[0], "TABLE OID");
            return lines.Select(f => string.Join('|', f.Select((v, i) => i == oid ? "(oid)" : v).Skip(1))).ToArray();
        }
        var theirs = Isql("help odbccols_items\n", postgres.Port, "postgres", "postgres");
        var mine = Isql("help odbccols_items\n");
        Assert.True(theirs.ExitCode == 0 && Lines(theirs).Length > 9, $"isql help on PostgreSQL 15 failed\n{theirs}");
        var (expected, actual) = (WithoutCatalog(theirs), WithoutCatalog(mine));
        Assert.True(expected.SequenceEqual(actual),
            $"SQLColumns differs\n--- PostgreSQL 15 ---\n{string.Join('\n', expected)}\n--- service ---\n{string.Join('\n', actual)}");
    }

    [Fact]
    public void Error_reports_sqlstate_42P01()
    {
        // isql -b reports a failed statement ("[42P01]…") and goes on; its exit code stays 0
        var r = Isql("SELECT * FROM odbc_no_such_table\nSELECT 40 + 2\n");
        Assert.True((r.Stdout + r.Stderr).Contains("[42P01]", StringComparison.Ordinal), $"no 42P01 in isql's output\n{r}");
        Assert.Contains("42", Lines(r));
    }
}

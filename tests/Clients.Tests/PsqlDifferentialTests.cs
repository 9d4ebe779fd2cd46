using Npgsql;

namespace DeepSql.Clients.Tests;

/// <summary>
/// psql's own rendering, service against PostgreSQL 15, for the same table: the aligned table output and \d depend on
/// every column name, type name, value text and null, so equal output means equal answers for psql's queries.
/// </summary>
[Collection("clients")]
public sealed class PsqlDifferentialTests(ServiceFixture service, PostgresFixture postgres) : IAsyncLifetime
{
    private const string Create =
        "CREATE TABLE IF NOT EXISTS psqldiff_items (id integer, name text, price double precision, day date, flag boolean); " +
        "DROP TABLE IF EXISTS psqldiff_defaults; " +
        "CREATE TABLE psqldiff_defaults (id integer NOT NULL, code varchar(8) DEFAULT 'new', note text DEFAULT 'it''s', " +
        "day date DEFAULT CAST('2024-01-02' AS date), n integer DEFAULT 7, PRIMARY KEY (id)); " +
        "DELETE FROM psqldiff_items; " +
        "INSERT INTO psqldiff_items VALUES (1, 'apple', 1.5, CAST('2024-01-02' AS date), true), (2, NULL, -0.25, NULL, false)";

    public async Task InitializeAsync()
    {
        await service.ExecuteAsync(Create);
        await using var c = new NpgsqlConnection(postgres.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(Create, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private ProcessResult PsqlOnPostgres(params string[] args) =>
        Tools.Run(Tools.Psql, ["-X", "-h", "127.0.0.1", "-p", postgres.Port.ToString(), "-U", "postgres", "-d", "postgres", .. args]);

    private void AssertSameOutput(params string[] args) => AssertSameOutput(service.Psql, args);

    /// <summary>As the same user name on both (trust on loopback takes any name), for output that shows it.</summary>
    private void AssertSameOutputAsPostgres(params string[] args) =>
        AssertSameOutput(a => Tools.Run(Tools.Psql, ["-X", "-h", "127.0.0.1", "-p", service.Port.ToString(), "-U", "postgres", "-d", "deepsql", .. a]), args);

    private void AssertSameOutput(Func<string[], ProcessResult> onService, string[] args)
    {
        var theirs = PsqlOnPostgres(args);
        Assert.True(theirs.ExitCode == 0 && theirs.Stdout.Length > 0, $"psql on PostgreSQL 15 failed\n{theirs}");
        var mine = onService(args);
        Assert.True(theirs.Stdout == mine.Stdout && mine.Stderr.Length == 0,
            $"psql {string.Join(' ', args)} differs\n--- PostgreSQL 15 ---\n{theirs.Stdout}\n--- service ---\n{mine}");
    }

    [Fact]
    public void Aligned_select_output_equals_postgresqls() =>
        AssertSameOutput("-c", "SELECT * FROM psqldiff_items ORDER BY id");

    [Fact]
    public void Expanded_output_equals_postgresqls() =>
        AssertSameOutput("-c", @"\x on", "-c", "SELECT id, name, price FROM psqldiff_items ORDER BY id");

    [Fact]
    public void Describe_table_equals_postgresqls() =>
        AssertSameOutput("-c", @"\d psqldiff_items");

    [Fact]
    public void Csv_output_equals_postgresqls() =>
        AssertSameOutput("--csv", "-c", "SELECT id, name, price, day, flag FROM psqldiff_items ORDER BY id");

    [Fact]
    public void Describe_table_with_defaults_and_a_primary_key_equals_postgresqls() =>
        AssertSameOutput("-c", @"\d psqldiff_defaults");

    [Fact]
    public void List_schemas_equals_postgresqls() => AssertSameOutput("-c", @"\dn");

    [Fact]
    public void List_extensions_equals_postgresqls() => AssertSameOutput("-c", @"\dx");

    [Fact]
    public void List_roles_equals_postgresqls() => AssertSameOutputAsPostgres("-c", @"\du");
}

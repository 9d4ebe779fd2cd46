namespace DeepSql.Clients.Tests;

/// <summary>
/// ErrorResponse field P (where the error is in the query string), service against PostgreSQL 15: same SQLSTATE and
/// same position, through the simple and the extended protocol, and psql's own "LINE 1: … ^" rendering of it.
/// </summary>
[Collection("clients")]
public sealed class ErrorPositionDifferentialTests(ServiceFixture service, PostgresFixture postgres)
{
    public static TheoryData<string> Queries => new()
    {
        "SELEC 1",
        "SELECT nope FROM (SELECT 1 AS a) t",
        "SELECT * FROM no_such_table",
        "SELECT 1 AS one,\n  nope FROM (SELECT 1 AS a) t",
        "SELECT 'é' AS e, nope FROM (SELECT 1 AS a) t",
        // the catalog rewrite drops "pg_catalog." after (first) and before (second) the error: positions still agree
        "SELECT nope FROM pg_catalog.pg_class",
        "SELECT relname FROM pg_catalog.pg_class WHERE nope = 1",
        // syntax error at end of input: PostgreSQL points past the whole text, trailing space and comments too
        "SELECT (",
        "SELECT 1 +   ",
        "SELECT ( -- unfinished",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Simple_query_error_has_postgresqls_sqlstate_and_position(string sql)
    {
        var theirs = Single(postgres.Port, "postgres", "postgres", sql);
        var mine = Single(service.Port, "analyst", "deepsql", sql);
        Assert.NotNull(theirs.Position);
        Assert.Equal((theirs.SqlState, theirs.Position), (mine.SqlState, mine.Position));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Extended_query_error_has_postgresqls_sqlstate_and_position(string sql)
    {
        var theirs = Extended(postgres.Port, "postgres", "postgres", "  " + sql);
        var mine = Extended(service.Port, "analyst", "deepsql", "  " + sql);
        Assert.NotNull(theirs.Position);
        Assert.Equal((theirs.SqlState, theirs.Position), (mine.SqlState, mine.Position));
    }

    [Fact]
    public void Position_counts_from_the_start_of_a_multi_statement_query()
    {
        const string sql = "SELECT 1; /* two */ SELECT nope FROM (SELECT 1 AS a) t";
        using var pg = PgRawClient.Connect(postgres.Port, "postgres", "postgres");
        using var me = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var theirs = pg.Query(sql).Single(r => r.Error is not null);
        var mine = me.Query(sql).Single(r => r.Error is not null);
        Assert.Equal("28", theirs.Position);
        Assert.Equal((theirs.SqlState, theirs.Position), (mine.SqlState, mine.Position));
    }

    [Fact]
    public void Psql_prints_a_syntax_error_exactly_as_for_postgresql()
    {
        var theirs = PsqlOnPostgres("-c", "SELEC 1");
        var mine = service.Psql("-c", "SELEC 1");
        Assert.Equal("ERROR:  syntax error at or near \"SELEC\"\nLINE 1: SELEC 1\n        ^", theirs.Stderr.TrimEnd());
        Assert.Equal(theirs.Stderr, mine.Stderr);
    }

    [Theory]
    [InlineData("SELECT nope FROM (SELECT 1 AS a) t")]
    [InlineData("SELECT * FROM no_such_table")]
    public void Psql_points_at_the_same_place_as_for_postgresql(string sql)
    {
        // DuckDB words these messages its own way (column "nope" does not exist / Referenced column …): the
        // line psql quotes and its caret are the same
        var theirs = PsqlOnPostgres("-c", sql).Stderr.Split('\n')[1..];
        var mine = service.Psql("-c", sql).Stderr.Split('\n')[1..];
        Assert.Equal(theirs.Where(l => l.StartsWith("LINE ", StringComparison.Ordinal) || l.TrimStart() == "^"),
            mine.Where(l => l.StartsWith("LINE ", StringComparison.Ordinal) || l.TrimStart() == "^"));
        Assert.Contains(mine, l => l.TrimStart() == "^");
    }

    private static PgRawResult Single(int port, string user, string database, string sql) =>
        PgRawClient.QueryOnce(port, user, database, sql);

    private static PgRawResult Extended(int port, string user, string database, string sql) =>
        PgRawClient.ExtendedOnce(port, user, database, sql);

    private ProcessResult PsqlOnPostgres(params string[] args) =>
        Tools.Run(Tools.Psql, ["-X", "-h", "127.0.0.1", "-p", postgres.Port.ToString(), "-U", "postgres", "-d", "postgres", .. args]);
}

namespace DeepSql.Clients.Tests;

/// <summary>
/// Result column names (RowDescription) of unaliased select-list expressions, service against PostgreSQL 15, through
/// the simple and the extended protocol: functions, casts, CASE, ARRAY, subqueries, operators, UNION, WITH, ….
/// </summary>
[Collection("clients")]
public sealed class ColumnNameDifferentialTests(ServiceFixture service, PostgresFixture postgres)
{
    private const string T = "(SELECT 1 AS a, 'x' AS b) t";

    public static TheoryData<string> Queries => new()
    {
        "SELECT upper('x')",
        "SELECT count(*) FROM " + T,
        "SELECT t.a, a, t.b FROM " + T,
        "SELECT abs(-1), pg_catalog.lower('A'), \"lower\"('B')",
        "SELECT CAST(1 AS integer), CAST(1 AS bigint), CAST(1 AS smallint), CAST('1' AS text)",
        "SELECT 'a'::text, 1::numeric(5,2), 'a'::varchar, 'a'::varchar(3), 1.5::double precision, true::boolean, 1.5::real",
        "SELECT '2024-01-02'::timestamp, '2024-01-02'::date, '2024-01-02 00:00:00+00'::timestamptz, '1 day'::interval",
        "SELECT a::text, CAST(b AS varchar), (a + 1)::text, length(b)::bigint FROM " + T,
        "SELECT CASE WHEN true THEN 1 END, CASE WHEN true THEN 1 ELSE 2 END",
        "SELECT CASE WHEN a = 1 THEN 'y' ELSE b END, CASE a WHEN 1 THEN upper(b) ELSE lower(b) END FROM " + T,
        "SELECT ARRAY[1, 2], ARRAY(SELECT 1), ARRAY[1, 2]::integer[]",
        "SELECT coalesce(NULL, 1), greatest(1, 2), least(1, 2), nullif(1, 2)",
        "SELECT EXISTS (SELECT 1), NOT EXISTS (SELECT 1)",
        "SELECT (SELECT a FROM " + T + "), (SELECT 1 AS One), (SELECT 1), (SELECT upper(b) FROM " + T + ")",
        "SELECT ((1)), ((a)), (upper(b)) FROM " + T,
        "SELECT 1, 'a', NULL, true, 1.5",
        "SELECT a + 1, -a, a * 2 - 1, b || 'y' FROM " + T,
        "SELECT a IS NULL, a IS NOT DISTINCT FROM 1, a IN (1, 2), a BETWEEN 0 AND 2, b LIKE 'x%' FROM " + T,
        "SELECT upper(b) FROM " + T + " UNION ALL SELECT lower('Y')",
        "SELECT DISTINCT upper(b) FROM " + T + " ORDER BY upper(b)",
        "WITH w AS (SELECT 1 AS a) SELECT a + 0, sum(a) FROM w GROUP BY a",
        "SELECT upper(b) AS u, lower(b) l, b \"B\" FROM " + T,
        "SELECT * FROM " + T,
        "SELECT t.*, upper(b) FROM " + T,
        "SELECT current_date, current_timestamp, localtimestamp",
        "SELECT current_user, session_user, current_schema(), current_database()",
        "SELECT sum(a) OVER (), row_number() OVER (ORDER BY a), count(*) FILTER (WHERE a > 0) OVER () FROM " + T,
        "SELECT trim(' a '), substring('abc', 2, 1), replace('abc', 'b', 'c'), position('b' IN 'abc')",
        "SELECT extract(year FROM DATE '2024-01-02'), DATE '2024-01-02', interval '1 day'",
        "SELECT a FROM " + T + " ORDER BY 1",
        "SELECT max(a), min(b) FROM " + T + " GROUP BY b HAVING count(*) > 0 ORDER BY 1",
        "SELECT DISTINCT ON (a) a, b FROM " + T,
        "SELECT string_agg(b, ',' ORDER BY b), array_agg(a) FROM " + T,
        "(SELECT round(1.5)) UNION (SELECT 2)",
        "SELECT 'x' COLLATE \"C\", b COLLATE \"C\" FROM " + T,
        "SELECT upper(b) /* a comment */, lower(b) -- another\n FROM " + T,
        "SELECT a, upper(b) FROM " + T + " WHERE b IS DISTINCT FROM 'z' AND upper(b) = 'X'",
        "SELECT now() AT TIME ZONE 'UTC'",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Simple_query_columns_are_named_as_by_postgresql(string sql)
    {
        var theirs = Single(postgres.Port, "postgres", "postgres", sql);
        var mine = Single(service.Port, "analyst", "deepsql", sql);
        Assert.True(theirs.Error is null, $"not valid on PostgreSQL 15: {theirs}");
        Assert.True(mine.Error is null, mine.ToString());
        Assert.Equal(theirs.Columns.Select(c => c.Name), mine.Columns.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Extended_query_columns_are_named_as_by_postgresql(string sql)
    {
        var theirs = Extended(postgres.Port, "postgres", "postgres", sql);
        var mine = Extended(service.Port, "analyst", "deepsql", sql);
        Assert.True(mine.Error is null, mine.ToString());
        Assert.Equal(theirs.Columns.Select(c => c.Name), mine.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Returning_columns_are_named_as_by_postgresql()
    {
        const string sql = "CREATE TEMP TABLE colnames_returning (id integer, name text); "
                           + "INSERT INTO colnames_returning VALUES (1, 'a') RETURNING id, upper(name), id + 1";
        using var pg = PgRawClient.Connect(postgres.Port, "postgres", "postgres");
        using var me = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var theirs = pg.Query(sql)[^1];
        var mine = me.Query(sql)[^1];
        Assert.True(mine.Error is null, mine.ToString());
        Assert.Equal(["id", "upper", "?column?"], theirs.Columns.Select(c => c.Name));
        Assert.Equal(theirs.Columns.Select(c => c.Name), mine.Columns.Select(c => c.Name));
    }

    [Fact]
    public void An_error_after_an_appended_alias_points_where_postgresql_points()
    {
        const string sql = "SELECT upper(b), nope, lower(b) FROM " + T;
        var theirs = Single(postgres.Port, "postgres", "postgres", sql);
        var mine = Single(service.Port, "analyst", "deepsql", sql);
        Assert.Equal("18", theirs.Position);
        Assert.Equal((theirs.SqlState, theirs.Position), (mine.SqlState, mine.Position));
    }

    [Fact]
    public void Psql_headers_are_postgresqls()
    {
        var mine = service.Psql("-A", "-c", "SELECT upper('x'), count(*), 1 + 1, CAST(2 AS integer)");
        Assert.Equal("upper|count|?column?|int4", mine.Stdout.Split('\n')[0]);
    }

    private static PgRawResult Single(int port, string user, string database, string sql) =>
        PgRawClient.QueryOnce(port, user, database, sql);

    private static PgRawResult Extended(int port, string user, string database, string sql) =>
        PgRawClient.ExtendedOnce(port, user, database, sql);
}

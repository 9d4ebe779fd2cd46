using DeepSql.Server.PgWire.Catalog;
using DeepSql.Udf.Engines.DuckDb;
using DeepSql.Udf.Functions;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>
/// The rewrite names the outermost select list's columns as PostgreSQL's FigureColname does, by appending
/// <c>AS "name"</c> to each item without an alias.
/// </summary>
public sealed class ColumnNameRewriteTests
{
    private static readonly PgCatalog Catalog = new(new DuckDbEngine(new DuckDbEngineOptions { Threads = 1 }), () => Array.Empty<ModelFunction>());

    [Theory]
    // column references, functions, subscripts, field selection
    [InlineData("SELECT upper('x')", "SELECT upper('x') AS \"upper\"")]
    [InlineData("SELECT predict_label(image) FROM t", "SELECT predict_label(image) AS \"predict_label\" FROM t")]
    [InlineData("SELECT featurize(content)[1:4] FROM t", "SELECT featurize(content)[1:4] AS \"featurize\" FROM t")]
    [InlineData("SELECT pg_catalog.Upper(x), \"My\"(x)", "SELECT Upper(x) AS \"upper\", \"My\"(x) AS \"My\"")]
    [InlineData("SELECT (x).f, (a)[2], count(*)", "SELECT (x).f AS \"f\", (a)[2] AS \"a\", count(*) AS \"count\"")]
    [InlineData("SELECT sum(x) FILTER (WHERE x > 0) OVER (PARTITION BY y)", "SELECT sum(x) FILTER (WHERE x > 0) OVER (PARTITION BY y) AS \"sum\"")]
    // casts: the operand's name, else the type's as pg_type spells it
    [InlineData("SELECT CAST(1 AS integer), 'a'::text, 1::numeric(5,2), x::int", "SELECT CAST(1 AS integer) AS \"int4\", 'a'::text AS \"text\", 1::numeric(5,2) AS \"numeric\", x::int AS \"x\"")]
    [InlineData("SELECT 1::double precision, true::boolean, '1'::timestamp with time zone, 'x'::character varying",
        "SELECT 1::double precision AS \"float8\", true::boolean AS \"bool\", '1'::timestamp with time zone AS \"timestamptz\", 'x'::character varying AS \"varchar\"")]
    [InlineData("SELECT (1 + 2)::bigint::text, DATE '2024-01-02', interval '1' day", "SELECT (1 + 2)::bigint::text AS \"text\", DATE '2024-01-02' AS \"date\", interval '1' day AS \"interval\"")]
    [InlineData("SELECT 'photos'::regclass", "SELECT deepsql_regclass_in('photos') AS \"regclass\"")]
    [InlineData("SELECT CAST('hi' AS varchar(10))", "SELECT CAST('hi' AS \"varchar(10)\") AS \"varchar\"")]
    // keyword expressions
    [InlineData("SELECT CASE WHEN a THEN 1 END, CASE WHEN a THEN 1 ELSE b END", "SELECT CASE WHEN a THEN 1 END AS \"case\", CASE WHEN a THEN 1 ELSE b END AS \"b\"")]
    [InlineData("SELECT ARRAY[1, 2], ARRAY(SELECT 1), ROW(1, 2), (1, 2)", "SELECT ARRAY[1, 2] AS \"array\", ARRAY(SELECT 1) AS \"array\", ROW(1, 2) AS \"row\", (1, 2) AS \"row\"")]
    [InlineData("SELECT coalesce(a, 1), GREATEST(1, 2), nullif(a, b), EXISTS (SELECT 1)", "SELECT coalesce(a, 1) AS \"coalesce\", GREATEST(1, 2) AS \"greatest\", nullif(a, b) AS \"nullif\", EXISTS (SELECT 1) AS \"exists\"")]
    [InlineData("SELECT current_schema(), trim(' a '), now() AT TIME ZONE 'UTC'", "SELECT current_schema() AS \"current_schema\", trim(' a ') AS \"btrim\", now() AT TIME ZONE 'UTC' AS \"timezone\"")]
    [InlineData("SELECT (SELECT a FROM t), (SELECT 1 AS One), ((x))", "SELECT (SELECT a FROM t) AS \"a\", (SELECT 1 AS One) AS \"one\", ((x)) AS \"x\"")]
    // nameless: ?column?
    [InlineData("SELECT 1, 'a', NULL, true, a + 1, -a, x IS NULL, NOT b, $1", "SELECT 1 AS \"?column?\", 'a' AS \"?column?\", NULL AS \"?column?\", true AS \"?column?\", a + 1 AS \"?column?\", -a AS \"?column?\", x IS NULL AS \"?column?\", NOT b AS \"?column?\", $1 AS \"?column?\"")]
    [InlineData("SELECT a IS DISTINCT FROM b, a NOT IN (1, 2), a BETWEEN 1 AND 2 FROM t", "SELECT a IS DISTINCT FROM b AS \"?column?\", a NOT IN (1, 2) AS \"?column?\", a BETWEEN 1 AND 2 AS \"?column?\" FROM t")]
    // aliases kept, stars left alone
    [InlineData("SELECT upper(x) AS u, lower(x) l, *, t.* FROM t", "SELECT upper(x) AS u, lower(x) l, *, t.* FROM t")]
    [InlineData("SELECT 1 AS \"x\"\"y\", 2 \"z\"", "SELECT 1 AS \"x\"\"y\", 2 \"z\"")]
    // only the outermost list; DISTINCT, WITH, UNION, parentheses, RETURNING
    [InlineData("SELECT DISTINCT upper(x) FROM t ORDER BY upper(x)", "SELECT DISTINCT upper(x) AS \"upper\" FROM t ORDER BY upper(x)")]
    [InlineData("SELECT DISTINCT ON (a) a, b + 1 FROM t", "SELECT DISTINCT ON (a) a, b + 1 AS \"?column?\" FROM t")]
    [InlineData("WITH w AS (SELECT upper(x) FROM t) SELECT lower(y) FROM w", "WITH w AS (SELECT upper(x) FROM t) SELECT lower(y) AS \"lower\" FROM w")]
    [InlineData("SELECT upper(a) FROM t UNION ALL SELECT lower(b) FROM u", "SELECT upper(a) AS \"upper\" FROM t UNION ALL SELECT lower(b) FROM u")]
    [InlineData("(SELECT abs(a) FROM t) UNION (SELECT 1)", "(SELECT abs(a) AS \"abs\" FROM t) UNION (SELECT 1)")]
    [InlineData("SELECT f(g(x)) FROM (SELECT h(y) FROM t) s WHERE k(z) > 1", "SELECT f(g(x)) AS \"f\" FROM (SELECT h(y) FROM t) s WHERE k(z) > 1")]
    [InlineData("INSERT INTO t SELECT upper(x) FROM u RETURNING id, lower(name)", "INSERT INTO t SELECT upper(x) FROM u RETURNING id, lower(name) AS \"lower\"")]
    [InlineData("SELECT upper(x) /* c */ -- d\nFROM t", "SELECT upper(x) AS \"upper\" /* c */ -- d\nFROM t")]
    public void Names_unaliased_columns_as_postgresql(string sql, string expected)
    {
        Assert.Equal(expected, Catalog.Rewrite(sql));
    }

    [Theory]
    // a column reference keeps DuckDB's name, the column's own (PostgreSQL's too)
    [InlineData("SELECT a, t.b, s.t.\"C\", current_user, CURRENT_DATE, current_user::text FROM t")]
    [InlineData("CREATE TABLE t AS SELECT upper(x) FROM u")]
    [InlineData("UPDATE t SET a = upper(a)")]
    [InlineData("VALUES (1)")]
    [InlineData("SHOW search_path")]
    [InlineData("SELECT COLUMNS('a.*') FROM t")]
    [InlineData("SELECT * EXCLUDE (a) FROM t")]
    [InlineData("SELECT 'upper(x)' AS a, \"upper(x)\" b -- upper(x)\n")]
    public void Leaves_other_statements_and_named_items_alone(string sql)
    {
        Assert.Equal(sql, Catalog.Rewrite(sql));
    }

    [Fact]
    public void Reports_where_it_appended_aliases()
    {
        var rewritten = Catalog.Rewrite("SELECT upper(x), nope, 1 FROM t", out var aliases);
        Assert.Equal("SELECT upper(x) AS \"upper\", nope, 1 AS \"?column?\" FROM t", rewritten);
        Assert.Equal([(15, 11), (35, 14)], aliases);
        Assert.Equal(" AS \"upper\"", rewritten.Substring(aliases[0].Start, aliases[0].Length));
    }
}

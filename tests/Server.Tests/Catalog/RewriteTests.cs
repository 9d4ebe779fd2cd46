using DeepSql.Server.PgWire.Catalog;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using DeepSql.Udf.Functions;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>The text rewrite on its own: what it changes, and that it leaves literals and identifiers alone.</summary>
public sealed class RewriteTests
{
    // an in-memory engine for the process: the rewrite registers the varchar(n) types it meets with it
    private static readonly PgCatalog Catalog = new(new DuckDbEngine(new DuckDbEngineOptions { Threads = 1 }), () => Array.Empty<ModelFunction>());

    [Theory]
    [InlineData("SELECT * FROM pg_catalog.pg_class", "SELECT * FROM pg_class")]
    [InlineData("SELECT * FROM \"pg_catalog\".\"pg_type\"", "SELECT * FROM \"pg_type\"")]
    [InlineData("SELECT pg_catalog.format_type(t.oid, NULL)", "SELECT format_type(t.oid, NULL) AS \"format_type\"")]
    [InlineData("SELECT * FROM information_schema.tables", "SELECT * FROM deepsql_information_schema.tables")]
    [InlineData("SELECT * FROM public.photos", "SELECT * FROM main.photos")]
    [InlineData("SELECT x FROM t WHERE a OPERATOR(pg_catalog.~) '^(t1)$' COLLATE pg_catalog.default",
        "SELECT x FROM t WHERE a ~ '(?s).*(?:^(t1)$).*' ")]
    [InlineData("SELECT 1 WHERE n !~ '^pg_'", "SELECT 1 AS \"?column?\" WHERE n !~ '(?s).*(?:^pg_).*'")]
    [InlineData("SELECT 1 WHERE n ~* 'ab'", "SELECT 1 AS \"?column?\" WHERE n ~ '(?is).*(?:ab).*'")]
    [InlineData("SELECT 1 WHERE n ~~ 'a%'", "SELECT 1 AS \"?column?\" WHERE n ~~ 'a%'")]
    [InlineData("SELECT 'x' COLLATE \"C\"", "SELECT 'x' AS \"?column?\" ")]
    [InlineData("SELECT 'photos'::regclass", "SELECT deepsql_regclass_in('photos') AS \"regclass\"")]
    [InlineData("SELECT c.oid::pg_catalog.regclass::pg_catalog.text", "SELECT deepsql_regclass_out(c.oid)::text AS \"oid\"")]
    [InlineData("SELECT f(x)::regtype", "SELECT deepsql_regtype_out(f(x)) AS \"f\"")]
    [InlineData("SELECT c.oid::regclass::oid", "SELECT c.oid::UINTEGER AS \"oid\"")]
    [InlineData("SELECT CAST(x AS oid), (SELECT t.oid AS oid), (SELECT 'a' AS \"char\")", "SELECT CAST(x AS UINTEGER) AS \"x\", (SELECT t.oid AS oid) AS \"oid\", (SELECT 'a' AS \"char\") AS \"char\"")]
    [InlineData("SELECT 'a'::name", "SELECT 'a'::name AS \"name\"")]
    [InlineData("SELECT 'a'::\"char\", CAST('b' AS \"char\")", "SELECT 'a'::pg_char AS \"char\", CAST('b' AS pg_char) AS \"char\"")]
    [InlineData("SELECT CAST('hi' AS varchar(10)), 'x'::character varying (3)", "SELECT CAST('hi' AS \"varchar(10)\") AS \"varchar\", 'x'::\"varchar(3)\" AS \"varchar\"")]
    [InlineData("SELECT ix.indkey::varchar, indoption::text, x.other::varchar", "SELECT array_to_string(ix.indkey,' ') AS \"indkey\", array_to_string(indoption,' ') AS \"indoption\", x.other::varchar AS \"other\"")]
    [InlineData("SELECT 1 FROM t LEFT JOIN a ON t.oid = a.attrelid and a.attnum = ANY(t.indkey)", "SELECT 1 AS \"?column?\" FROM t LEFT JOIN a ON t.oid = a.attrelid and list_contains(t.indkey,a.attnum)")]
    [InlineData("SELECT 1 FROM t JOIN a ON (a.n = ANY(pg_catalog.f(t.k)))", "SELECT 1 AS \"?column?\" FROM t JOIN a ON (list_contains(f(t.k),a.n))")]
    [InlineData("SELECT 1 FROM t WHERE a.n = ANY(t.k) AND b = ANY(SELECT 1)", "SELECT 1 AS \"?column?\" FROM t WHERE a.n = ANY(t.k) AND b = ANY(SELECT 1)")]
    [InlineData("SELECT '\\x00ff10'::bytea, CAST('\\xAb' AS pg_catalog.bytea)", "SELECT '\\x00\\xFF\\x10'::bytea AS \"bytea\", CAST('\\xAB' AS bytea) AS \"bytea\"")]
    [InlineData("SELECT 'abc'::bytea, '\\x0'::bytea, '\\x00ff' AS bytea", "SELECT 'abc'::bytea AS \"bytea\", '\\x0'::bytea AS \"bytea\", '\\x00ff' AS bytea")]
    [InlineData("CREATE TABLE t (a VARCHAR(20) NOT NULL, b varchar)", "CREATE TABLE t (a \"varchar(20)\" NOT NULL, b varchar)")]
    [InlineData("SELECT 'varchar(10)', \"char\" FROM t", "SELECT 'varchar(10)' AS \"?column?\", \"char\" FROM t")]
    [InlineData("SELECT * FROM pg_attribute WHERE attrelid = $1::regclass", "SELECT * FROM pg_attribute WHERE attrelid = deepsql_regclass_in($1)")]
    [InlineData("SELECT (a.b)::regtype", "SELECT deepsql_regtype_out((a.b)) AS \"b\"")]
    [InlineData("SELECT CAST('pg_type' AS regclass)", "SELECT deepsql_regclass_in('pg_type') AS \"regclass\"")]
    [InlineData("SELECT CAST(CAST('int4' AS pg_catalog.regtype) AS oid)", "SELECT CAST(deepsql_regtype_in('int4') AS UINTEGER) AS \"oid\"")]
    [InlineData("SELECT CAST(c.oid AS regclass), CAST(x AS int)", "SELECT deepsql_regclass_out((c.oid)) AS \"oid\", CAST(x AS int) AS \"x\"")]
    [InlineData("SELECT s FROM generate_series(1, 3) s", "SELECT s FROM generate_series(1, 3) s(s)")]
    [InlineData("SELECT generate_series(1, 3) AS s", "SELECT generate_series(1, 3) AS s")]
    public void Rewrites_postgres_only_syntax(string sql, string expected)
    {
        Assert.Equal(expected, Catalog.Rewrite(sql));
    }

    [Theory]
    [InlineData("SELECT 'pg_catalog.pg_class' AS a, \"public.x\" AS b FROM t")]
    [InlineData("SELECT 1 AS one -- pg_catalog.pg_class ~ 'x'\n")]
    [InlineData("SELECT /* information_schema.tables */ 1 AS one")]
    [InlineData("SELECT $$ 'photos'::regclass $$ AS v")]
    [InlineData("SELECT a.public AS p FROM t a")]
    [InlineData("SELECT E'it''s \\' pg_catalog.x' AS v")]
    public void Leaves_literals_comments_and_other_names_alone(string sql)
    {
        Assert.Equal(sql, Catalog.Rewrite(sql));
    }

    [Theory]
    [InlineData(SqlTypeKind.Boolean, 16u)]
    [InlineData(SqlTypeKind.Blob, 17u)]
    [InlineData(SqlTypeKind.Int64, 20u)]
    [InlineData(SqlTypeKind.Int16, 21u)]
    [InlineData(SqlTypeKind.Int8, 21u)]
    [InlineData(SqlTypeKind.Int32, 23u)]
    [InlineData(SqlTypeKind.Text, 25u)]
    [InlineData(SqlTypeKind.UInt32, 26u)]
    [InlineData(SqlTypeKind.Json, 114u)]
    [InlineData(SqlTypeKind.Float32, 700u)]
    [InlineData(SqlTypeKind.Float64, 701u)]
    [InlineData(SqlTypeKind.Date, 1082u)]
    [InlineData(SqlTypeKind.Time, 1083u)]
    [InlineData(SqlTypeKind.Timestamp, 1114u)]
    [InlineData(SqlTypeKind.TimestampTz, 1184u)]
    [InlineData(SqlTypeKind.Interval, 1186u)]
    [InlineData(SqlTypeKind.Decimal, 1700u)]
    [InlineData(SqlTypeKind.UInt64, 1700u)]
    [InlineData(SqlTypeKind.HugeInt, 1700u)]
    [InlineData(SqlTypeKind.Uuid, 2950u)]
    public void Type_oids_are_postgres_oids(SqlTypeKind kind, uint oid)
    {
        Assert.Equal(oid, PgCatalog.TypeOid(new SqlType(kind)));
    }

    [Fact]
    public void List_and_struct_type_oids_are_arrays_and_json()
    {
        Assert.Equal(1021u, PgCatalog.TypeOid(SqlType.Float32List));
        Assert.Equal(1009u, PgCatalog.TypeOid(SqlType.List(SqlType.Text)));
        // nested lists and lists of structs travel as json text (PgType.From), and the catalog says so
        Assert.Equal(114u, PgCatalog.TypeOid(SqlType.List(SqlType.List(SqlType.Int32))));
        Assert.Equal(1016u, PgCatalog.TypeOid(SqlType.List(SqlType.Int64)));
        Assert.Equal(1231u, PgCatalog.TypeOid(SqlType.List(new SqlType(SqlTypeKind.Decimal))));
        var labelScore = SqlType.Struct(new SqlField("label", SqlType.Text), new SqlField("score", SqlType.Float32));
        Assert.Equal(114u, PgCatalog.TypeOid(labelScore));
        Assert.Equal(114u, PgCatalog.TypeOid(SqlType.List(labelScore)));
    }
}

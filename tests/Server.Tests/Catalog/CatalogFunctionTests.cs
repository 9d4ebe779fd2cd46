using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>PostgreSQL's session and catalog functions, run in DuckDB through the rewrite.</summary>
public sealed class CatalogFunctionTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private object? Scalar(string sql) => Assert.Single(Assert.Single(fixture.Query(sql)));

    [Fact]
    public void Session_functions_answer_like_postgres_15()
    {
        var row = Assert.Single(fixture.Query(
            "SELECT version(), current_schema(), current_schemas(true), current_schemas(false), current_database(), "
            + "current_user, session_user, pg_catalog.pg_backend_pid()"));

        Assert.StartsWith("PostgreSQL 15.0 (DeepSQL) on ", (string)row[0]!);
        Assert.Equal("public", row[1]);
        Assert.Equal(["pg_catalog", "public"], ((System.Collections.IEnumerable)row[2]!).Cast<string>());
        Assert.Equal(["public"], ((System.Collections.IEnumerable)row[3]!).Cast<string>());
        Assert.Equal(["deepsql", "analyst", "analyst", fixture.Session.Context.SessionId], row[4..]);
    }

    [Fact]
    public void Privilege_functions_grant_everything()
    {
        Assert.Equal(
            [true, true, true, true],
            Assert.Single(fixture.Query(
                "SELECT has_table_privilege('photos', 'SELECT'), pg_catalog.has_schema_privilege('public', 'USAGE'), "
                + "has_database_privilege('analyst', 'deepsql', 'CONNECT'), has_function_privilege(1, 'execute')")));
    }

    [Theory]
    [InlineData("format_type(23, -1)", "integer")]
    [InlineData("format_type(1043, 14)", "character varying(10)")]
    [InlineData("format_type(1700, 655366)", "numeric(10,2)")]
    [InlineData("format_type(1021, NULL)", "real[]")]
    [InlineData("format_type(1114, NULL)", "timestamp without time zone")]
    [InlineData("format_type(99999, NULL)", "???")]
    [InlineData("pg_get_userbyid(10)", "analyst")]
    [InlineData("pg_encoding_to_char(6)", "UTF8")]
    [InlineData("quote_ident('abc')", "abc")]
    [InlineData("quote_ident('a b')", "\"a b\"")]
    [InlineData("quote_ident('select')", "\"select\"")]
    [InlineData("23::regtype", "integer")]
    [InlineData("'photos'::regclass::regclass", "photos")]
    [InlineData("obj_description('photos'::regclass, 'pg_class')", "labelled photos")]
    [InlineData("pg_get_expr('x + 1', 0)", "x + 1")]
    public void Scalar_functions_match_postgres(string expression, string expected)
    {
        Assert.Equal(expected, Scalar("SELECT " + expression));
    }

    [Fact]
    public void Regclass_casts_convert_names_to_oids_and_back()
    {
        var oid = (uint)Scalar("SELECT oid FROM pg_class WHERE relname = 'photos'")!;

        Assert.Equal(oid, Scalar("SELECT 'photos'::regclass"));
        Assert.Equal(oid, Scalar("SELECT 'public.photos'::pg_catalog.regclass"));
        Assert.Equal("photos", Scalar($"SELECT c.oid::regclass::text FROM pg_class c WHERE c.oid = {oid}"));
        Assert.Equal("lab.runs", Scalar("SELECT c.oid::regclass FROM pg_class c WHERE c.relname = 'runs'"));
        Assert.Equal(23u, Scalar("SELECT 'pg_catalog.int4'::regtype"));
        Assert.Equal(2200u, Scalar("SELECT 'public'::regnamespace"));
        var error = Assert.Throws<DeepSql.Udf.Engines.EngineException>(() => fixture.Query("SELECT 'nope'::regclass"));
        Assert.Contains("relation \"nope\" does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regex_operators_keep_postgres_partial_match_meaning()
    {
        Assert.Equal(
            ["information_schema", "lab", "public"],
            fixture.Query("SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' ORDER BY 1").Select(r => r[0]));
        Assert.Equal(
            ["photo_names", "photos"],
            fixture.Query("SELECT relname FROM pg_class WHERE relname ~* 'PHOTO' AND relkind <> 'i' ORDER BY 1").Select(r => r[0]));
    }

    [Fact]
    public void Pg_get_keywords_generate_series_and_array_bounds_work()
    {
        Assert.Equal(1L, Scalar("SELECT count(*) FROM pg_catalog.pg_get_keywords() WHERE word = 'select' AND catcode = 'R'"));
        Assert.Equal([1L, 2L, 3L], fixture.Query("SELECT s FROM pg_catalog.generate_series(1, 3) s ORDER BY s").Select(r => r[0]));
        Assert.Equal([3, 1], Assert.Single(fixture.Query("SELECT array_upper([1, 2, 3], 1), array_lower([1, 2, 3], 1)")));
        Assert.Null(Scalar("SELECT array_upper([]::INTEGER[], 1)"));
    }

    [Fact]
    public void Table_visibility_follows_the_search_path()
    {
        Assert.Equal(
            [[true, "photos"], [false, "runs"]],
            fixture.Query("SELECT pg_table_is_visible(oid), relname FROM pg_class WHERE relname IN ('photos', 'runs') ORDER BY 2"));
    }

    [Fact]
    public void Catalog_relations_never_return_null_where_postgres_has_none()
    {
        Assert.Equal(0L, Scalar(
            "SELECT count(*) FROM pg_type WHERE typname IS NULL OR typinput IS NULL OR typreceive IS NULL OR typsend IS NULL "
            + "OR typdelim IS NULL OR typelem IS NULL OR typarray IS NULL OR typbasetype IS NULL OR typcollation IS NULL"));
        Assert.Equal(0L, Scalar(
            "SELECT count(*) FROM pg_class WHERE oid IS NULL OR relnamespace IS NULL OR relkind IS NULL OR relam IS NULL "
            + "OR relnatts IS NULL OR relhasindex IS NULL OR relpersistence IS NULL"));
        Assert.Equal(0L, Scalar(
            "SELECT count(*) FROM pg_attribute WHERE attrelid IS NULL OR attname IS NULL OR atttypid IS NULL OR attnum IS NULL "
            + "OR attnotnull IS NULL OR atttypmod IS NULL OR attlen IS NULL"));
        Assert.Equal(0L, Scalar(
            "SELECT count(*) FROM pg_proc WHERE proname IS NULL OR pronargs IS NULL OR prorettype IS NULL OR proargtypes IS NULL "
            + "OR prokind IS NULL OR prosrc IS NULL"));
    }

    [Fact]
    public void Type_receive_functions_resolve_in_pg_proc()
    {
        Assert.Equal("array_recv", Scalar("SELECT p.proname FROM pg_type t JOIN pg_proc p ON p.oid = t.typreceive WHERE t.typname = '_int4'"));
        Assert.Equal("int4recv", Scalar("SELECT p.proname FROM pg_type t JOIN pg_proc p ON p.oid = t.typreceive WHERE t.oid = 23"));
    }

    [Fact]
    public void Relation_oids_are_stable_across_sessions()
    {
        var other = fixture.OpenSession("bob");
        const string sql = "SELECT oid FROM pg_class WHERE relname = 'photos'";

        Assert.Equal(fixture.Query(sql), fixture.Query(sql, other));
        Assert.Equal("bob", Assert.Single(Assert.Single(fixture.Query("SELECT current_user", other))));
    }
}

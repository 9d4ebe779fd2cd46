using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>Smaller introspection queries from psycopg2/SQLAlchemy and BI tools.</summary>
public sealed class OtherClientQueryTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    [Fact]
    public void SqlAlchemy_has_table_and_table_names()
    {
        Assert.Equal(
            [["photos"]],
            fixture.Query("SELECT pg_catalog.pg_class.relname FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace "
                          + "ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace WHERE pg_catalog.pg_class.relname = 'photos' "
                          + "AND pg_catalog.pg_class.relkind = ANY (ARRAY['r', 'p', 'f', 'v', 'm']) "
                          + "AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != 'pg_catalog'"));
        Assert.Equal(
            [["photos"]],
            fixture.Query("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                          + "WHERE n.nspname = current_schema() AND c.relkind in ('r', 'p') AND c.relname LIKE 'photo%' ORDER BY c.relname"));
    }

    [Fact]
    public void Column_comments_reach_col_description()
    {
        var session = fixture.OpenSession("gina");
        CatalogFixture.Exec(session, "CREATE TABLE other_notes (body VARCHAR)");
        CatalogFixture.Exec(session, "COMMENT ON COLUMN other_notes.body IS 'free text'");

        Assert.Equal(
            [["body", "free text"]],
            fixture.Query("SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                          + "WHERE a.attrelid = 'other_notes'::regclass AND a.attnum > 0", session));
    }

    [Fact]
    public void Version_and_settings_probes_of_bi_tools()
    {
        Assert.Equal(
            [["PostgreSQL 15.0 (DeepSQL) on x86_64-pc-linux-gnu, compiled by DeepSQL on DuckDB, 64-bit", "UTF8", "on"]],
            fixture.Query("SELECT pg_catalog.version(), pg_catalog.current_setting('server_encoding'), "
                          + "current_setting('integer_datetimes')"));
        Assert.Equal([[0L]], fixture.Query("SELECT count(*) FROM pg_catalog.pg_enum"));
        Assert.Equal([["plpgsql"]], fixture.Query("SELECT extname FROM pg_extension"));
    }
}

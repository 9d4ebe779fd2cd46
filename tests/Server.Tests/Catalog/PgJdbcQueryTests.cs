using DeepSql.TestSupport;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>pgjdbc's DatabaseMetaData queries (DBeaver, DataGrip, Tableau and most JVM tools go through these).</summary>
public sealed class PgJdbcQueryTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    [Fact]
    public void GetTables_lists_tables_then_views_with_remarks()
    {
        var rows = fixture.Query(ClientQueries.PgJdbcGetTables);

        Assert.Equal(
            [
                [null, "public", "photos", "TABLE", "labelled photos"],
                [null, "public", "photo_names", "VIEW", null],
            ],
            rows);
    }

    [Fact]
    public void GetColumns_gives_type_oids_typmods_defaults_and_positions()
    {
        var rows = fixture.Query(ClientQueries.PgJdbcGetColumns);

        // nspname, relname, attname, atttypid, attnotnull, atttypmod, attlen, attnum, adsrc, description, typbasetype, typtype
        Assert.Equal(6, rows.Count);
        Assert.Equal(["public", "photos", "id", 23u, true, -1, (short)4, 1L, null, null, 0u, "b"], rows[0]);
        Assert.Equal(["public", "photos", "name", 25u, true, -1, (short)-1, 2L, "'x'::text", null, 0u, "b"], rows[1]);
        Assert.Equal([1009u, 5L], new[] { rows[4][3], rows[4][7] });
        Assert.Equal([1700u, 655366, 6L], new[] { rows[5][3], rows[5][5], rows[5][7] });
    }

    [Fact]
    public void GetSchemas_lists_all_schemas()
    {
        Assert.Equal(
            ["information_schema", "lab", "pg_catalog", "public"],
            fixture.Query(ClientQueries.PgJdbcGetSchemas).Select(r => r[0]));
    }
}

using DeepSql.TestSupport;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>psql 15's backslash commands, with the exact queries psql -E printed against PostgreSQL 15.</summary>
public sealed class PsqlQueryTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private static string Describe(string query, uint oid) => query.Replace("{oid}", oid.ToString(), StringComparison.Ordinal);

    private uint PhotosOid() =>
        (uint)fixture.Query(ClientQueries.PsqlDescribeLookup.Replace("{name}", "photos", StringComparison.Ordinal)).Single()[0]!;

    [Fact]
    public void Backslash_d_lists_visible_tables_and_views_with_owner()
    {
        var rows = fixture.Query(ClientQueries.PsqlListRelations);

        Assert.Equal(
            [["public", "photo_names", "view", "analyst"], ["public", "photos", "table", "analyst"]],
            rows);
    }

    [Fact]
    public void Backslash_dt_lists_only_tables()
    {
        var rows = fixture.Query(ClientQueries.PsqlListTables);

        Assert.Equal([["public", "photos", "table", "analyst"]], rows);
    }

    [Fact]
    public void Backslash_dv_and_di_list_views_and_primary_key_indexes()
    {
        Assert.Equal([["public", "photo_names", "view", "analyst"]], fixture.Query(ClientQueries.PsqlListViews));
        Assert.Equal([["public", "photos_pkey", "index", "analyst", "photos"]], fixture.Query(ClientQueries.PsqlListIndexes));
    }

    [Fact]
    public void Backslash_df_lists_model_functions_with_argument_and_result_types()
    {
        var rows = fixture.Query(ClientQueries.PsqlListFunctions);

        Assert.Equal(
            [
                ["public", "embed", "real[]", "text text", "func"],
                ["public", "predict_color", "text", "image bytea", "func"],
            ],
            rows);
    }

    [Fact]
    public void Backslash_df_with_a_pattern_finds_one_function()
    {
        var rows = fixture.Query(ClientQueries.PsqlListFunctionsNamed.Replace("{name}", "predict_color", StringComparison.Ordinal));

        Assert.Equal([["public", "predict_color", "text", "image bytea", "func"]], rows);
    }

    [Fact]
    public void Backslash_l_lists_the_database()
    {
        var row = Assert.Single(fixture.Query(ClientQueries.PsqlListDatabases));

        Assert.Equal(["deepsql", "analyst", "UTF8", "C.UTF-8", "C.UTF-8", null, "libc", null], row);
    }

    [Fact]
    public void Backslash_dn_lists_user_schemas_not_catalog_ones()
    {
        var rows = fixture.Query(ClientQueries.PsqlListSchemas);

        Assert.Equal([["lab", "analyst"], ["public", "pg_database_owner"]], rows);
    }

    [Fact]
    public void Backslash_du_lists_the_session_user()
    {
        var row = Assert.Single(fixture.Query(ClientQueries.PsqlListRoles));

        Assert.Equal("analyst", row[0]);
        Assert.Equal(true, row[1]);
        Assert.Empty((System.Collections.IEnumerable)row[8]!);
    }

    [Fact]
    public void Backslash_dT_lists_no_user_types()
    {
        Assert.Empty(fixture.Query(ClientQueries.PsqlListTypes));
    }

    [Fact]
    public void Backslash_d_table_finds_the_table_and_its_details()
    {
        var lookup = Assert.Single(fixture.Query(ClientQueries.PsqlDescribeLookup.Replace("{name}", "photos", StringComparison.Ordinal)));
        Assert.Equal("public", lookup[1]);
        Assert.Equal("photos", lookup[2]);

        var details = Assert.Single(fixture.Query(Describe(ClientQueries.PsqlDescribeTable, PhotosOid())));
        // relchecks, relkind, relhasindex, relhasrules, relhastriggers, relrowsecurity, relforcerowsecurity,
        // relhasoids, relispartition, '', reltablespace, reloftype, relpersistence, relreplident, amname
        Assert.Equal([(short)0, "r", true, false, false, false, false, false, false, "", 0u, "", "p", "d", "heap"], details);
    }

    [Fact]
    public void Backslash_d_table_lists_columns_with_postgres_types_defaults_and_nullability()
    {
        var rows = fixture.Query(Describe(ClientQueries.PsqlDescribeColumns, PhotosOid()));

        Assert.Equal(
            [
                ["id", "integer", null, true, null, "", ""],
                ["name", "text", "'x'::text", true, null, "", ""],
                ["score", "double precision", null, false, null, "", ""],
                ["taken", "timestamp without time zone", null, false, null, "", ""],
                ["tags", "text[]", null, false, null, "", ""],
                ["price", "numeric(10,2)", null, false, null, "", ""],
            ],
            rows);
    }

    [Fact]
    public void Backslash_d_table_lists_the_primary_key_index()
    {
        var row = Assert.Single(fixture.Query(Describe(ClientQueries.PsqlDescribeIndexes, PhotosOid())));

        Assert.Equal(
            ["photos_pkey", true, true, false, true, "CREATE UNIQUE INDEX photos_pkey ON public.photos USING btree (id)",
             "PRIMARY KEY (id)", "p", false, false, false, 0u],
            row);
    }

    [Fact]
    public void Backslash_d_table_footer_queries_run_and_find_nothing()
    {
        var oid = PhotosOid();
        foreach (var query in new[]
                 {
                     ClientQueries.PsqlDescribePolicies, ClientQueries.PsqlDescribeStatistics,
                     ClientQueries.PsqlDescribePublications, ClientQueries.PsqlDescribeInherits,
                     ClientQueries.PsqlDescribePartitions,
                 })
        {
            Assert.Empty(fixture.Query(Describe(query, oid)));
        }
    }
}

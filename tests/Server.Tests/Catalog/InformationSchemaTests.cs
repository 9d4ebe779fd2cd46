using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>information_schema as SQL-standard tools (DBeaver, Metabase, pgjdbc fallbacks) query it.</summary>
public sealed class InformationSchemaTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    [Fact]
    public void Tables_lists_user_tables_and_views_under_postgres_schema_names()
    {
        var rows = fixture.Query(
            "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables "
            + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_schema, table_name");

        Assert.Equal(
            [
                ["deepsql", "lab", "runs", "BASE TABLE"],
                ["deepsql", "public", "photo_names", "VIEW"],
                ["deepsql", "public", "photos", "BASE TABLE"],
            ],
            rows);
    }

    [Fact]
    public void Columns_gives_standard_type_names_udt_names_and_nullability()
    {
        var rows = fixture.Query(
            "SELECT column_name, ordinal_position, data_type, udt_name, is_nullable, column_default, numeric_precision, "
            + "numeric_scale FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'photos' "
            + "ORDER BY ordinal_position");

        Assert.Equal(
            [
                ["id", 1, "integer", "int4", "NO", null, 32, 0],
                ["name", 2, "text", "text", "NO", "'x'::text", null, null],
                ["score", 3, "double precision", "float8", "YES", null, 53, null],
                ["taken", 4, "timestamp without time zone", "timestamp", "YES", null, null, null],
                ["tags", 5, "ARRAY", "_text", "YES", null, null, null],
                ["price", 6, "numeric", "numeric", "YES", null, 10, 2],
            ],
            rows);
    }

    [Fact]
    public void Schemata_and_views_list_user_objects()
    {
        var schemas = fixture.Query("SELECT schema_name FROM information_schema.schemata ORDER BY 1").Select(r => r[0]).ToList();
        Assert.Equal(["information_schema", "lab", "pg_catalog", "public"], schemas);

        var view = Assert.Single(fixture.Query("SELECT table_schema, table_name, view_definition FROM information_schema.views "
                                               + "WHERE table_schema = 'public'"));
        Assert.Equal("photo_names", view[1]);
        Assert.Contains("FROM photos", (string)view[2]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Table_constraints_and_key_column_usage_show_the_primary_key()
    {
        Assert.Equal(
            [["photos_pkey", "photos", "PRIMARY KEY"]],
            fixture.Query("SELECT constraint_name, table_name, constraint_type FROM information_schema.table_constraints "
                          + "WHERE table_schema = 'public'"));
        Assert.Equal(
            [["photos_pkey", "photos", "id", 1]],
            fixture.Query("SELECT constraint_name, table_name, column_name, ordinal_position "
                          + "FROM information_schema.key_column_usage WHERE table_schema = 'public'"));
        Assert.Empty(fixture.Query("SELECT * FROM information_schema.referential_constraints"));
        Assert.Equal([["UTF8"]], fixture.Query("SELECT character_set_name FROM information_schema.character_sets"));
    }

    [Fact]
    public void Routines_and_parameters_list_model_functions_with_types_and_description()
    {
        var routines = fixture.Query(
            "SELECT routine_schema, routine_name, routine_type, data_type, type_udt_name, routine_definition, external_name "
            + "FROM information_schema.routines ORDER BY routine_name");
        Assert.Equal(
            [
                ["public", "embed", "FUNCTION", "ARRAY", "_float4", "embed_text v1: all-MiniLM-L6-v2, 384 floats", "minilm"],
                ["public", "predict_color", "FUNCTION", "text", "text", "classify v3: 8x8 RGB image → color label", "color"],
            ],
            routines);

        var parameters = fixture.Query(
            "SELECT r.routine_name, p.ordinal_position, p.parameter_name, p.data_type, p.udt_name, p.parameter_mode "
            + "FROM information_schema.parameters p JOIN information_schema.routines r ON r.specific_name = p.specific_name "
            + "ORDER BY 1, 2");
        Assert.Equal(
            [["embed", 1, "text", "text", "text", "IN"], ["predict_color", 1, "image", "bytea", "bytea", "IN"]],
            parameters);
    }
}

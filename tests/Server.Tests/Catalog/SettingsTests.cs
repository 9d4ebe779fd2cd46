using DeepSql.Udf.Engines;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>SET as the server routes it (OnSettingChanged) against current_setting() and pg_settings.</summary>
public sealed class SettingsTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private static object? Scalar(List<object?[]> rows) => Assert.Single(Assert.Single(rows));

    [Fact]
    public void Defaults_are_postgres_15s()
    {
        var session = fixture.OpenSession("carol");

        Assert.Equal("ISO, MDY", Scalar(fixture.Query("SELECT current_setting('DateStyle')", session)));
        Assert.Equal("150000", Scalar(fixture.Query("SELECT current_setting('server_version_num')", session)));
        Assert.Equal("on", Scalar(fixture.Query("SELECT setting FROM pg_settings WHERE name = 'standard_conforming_strings'", session)));
        Assert.Null(Scalar(fixture.Query("SELECT current_setting('no.such', true)", session)));
        var error = Assert.Throws<EngineException>(() => fixture.Query("SELECT current_setting('no_such')", session));
        Assert.Contains("unrecognized configuration parameter \"no_such\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_is_seen_by_current_setting_and_pg_settings_in_that_session_only()
    {
        var a = fixture.OpenSession("dave");
        var b = fixture.OpenSession("erin");

        fixture.Catalog.OnSettingChanged(a, "application_name", "notebook");
        fixture.Catalog.OnSettingChanged(a, "DeepSQL.Batch_Size", "8");
        fixture.Catalog.OnSettingChanged(a, "myapp.team", "vision");

        Assert.Equal("notebook", Scalar(fixture.Query("SELECT current_setting('application_name')", a)));
        Assert.Equal(
            [["8", "session"]],
            fixture.Query("SELECT setting, source FROM pg_settings WHERE name = 'deepsql.batch_size'", a));
        Assert.Equal("vision", Scalar(fixture.Query("SELECT current_setting('myapp.team')", a)));
        Assert.Equal("", Scalar(fixture.Query("SELECT current_setting('application_name')", b)));

        fixture.Catalog.OnSettingChanged(a, "application_name", "report");
        Assert.Equal("report", Scalar(fixture.Query("SELECT current_setting('application_name')", a)));
    }

    [Fact]
    public void Set_search_path_changes_what_unqualified_names_reach()
    {
        var session = fixture.OpenSession("frank");
        fixture.Catalog.OnSettingChanged(session, "search_path", "lab, public");

        Assert.Equal("lab, public", Scalar(fixture.Query("SELECT current_setting('search_path')", session)));
        Assert.Equal(0L, Scalar(fixture.Query("SELECT count(*) FROM runs", session)));
        Assert.Equal(0L, Scalar(fixture.Query("SELECT count(*) FROM photos", session)));
        // the catalog stays reachable
        Assert.Equal(16u, Scalar(fixture.Query("SELECT oid FROM pg_type WHERE typname = 'bool'", session)));
    }
}

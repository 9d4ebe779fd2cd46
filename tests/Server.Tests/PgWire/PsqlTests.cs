using DeepSql.Server.Tests.Support;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class PsqlTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Psql_runs_a_query_and_prints_rows()
    {
        var result = await Psql.RunAsync(fixture.Port, "SELECT 1 AS one, 'two' AS two, 2.5::double AS three, true AS yes, NULL AS nothing");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1|two|2.5|t|", result.Stdout);
    }

    [Fact]
    public async Task Psql_prints_command_tags()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "CREATE TABLE psql_tags (id INTEGER); INSERT INTO psql_tags SELECT * FROM range(5); " +
            "UPDATE psql_tags SET id = id + 1 WHERE id < 2; DELETE FROM psql_tags WHERE id > 3; SELECT count(*) AS n FROM psql_tags",
            tuplesOnly: false);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Equal("CREATE TABLE", lines[0]);
        Assert.StartsWith("INSERT 0 ", lines[1]);
        Assert.StartsWith("UPDATE ", lines[2]);
        Assert.StartsWith("DELETE ", lines[3]);
        Assert.Equal(["n", "4", "(1 row)"], lines[^3..]);
    }
}

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
}

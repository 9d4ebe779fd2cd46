using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class InterceptorTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Interceptor_answers_its_statement_in_the_extended_protocol()
    {
        await using var connection = await fixture.OpenAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await using var command = new NpgsqlCommand("SHOW MODELS", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        Assert.Equal([("resnet", 1), ("minilm", 2)], rows);
        Assert.Contains("listing models", notices);
    }

    [Fact]
    public async Task Interceptor_answers_its_statement_in_a_simple_query()
    {
        var result = await Psql.RunAsync(fixture.Port, "SHOW MODELS; SELECT 'after'");
        Assert.Equal("resnet|1\nminilm|2\nafter", result.Stdout);
        Assert.Contains("listing models", result.Stderr);
    }
}

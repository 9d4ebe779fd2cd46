using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class ErrorAndNoticeTests(PgServerFixture fixture)
{
    [Theory]
    [InlineData("SELEC 1", "42601")]
    [InlineData("SELECT * FROM no_such_table_here", "42P01")]
    [InlineData("SELECT no_such_function_here(1)", "42883")]
    [InlineData("SET no_such_parameter = 1", "42704")]
    [InlineData("SHOW no_such_parameter", "42704")]
    public async Task Error_has_its_sqlstate_and_the_session_survives(string sql, string sqlState)
    {
        await using var connection = await fixture.OpenAsync();
        await using var bad = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteNonQueryAsync());
        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal("ERROR", error.Severity);

        await using var good = new NpgsqlCommand("SELECT 7", connection);
        Assert.Equal(7, Convert.ToInt32(await good.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Psql_reports_errors_with_sqlstate_and_skips_the_rest_of_a_multi_statement_query()
    {
        var result = await Psql.RunAsync(fixture.Port, "SELECT 1 AS a; SELECT * FROM missing_psql_table; SELECT 3 AS c");
        Assert.Contains("42P01", result.Stderr);
        Assert.Equal("1", result.Stdout);
    }

    [Fact]
    public async Task Multi_statement_simple_query_returns_each_result()
    {
        var result = await Psql.RunAsync(fixture.Port, "SELECT 1; SELECT 'a;b' AS s; -- comment ; here\nSELECT $$x;y$$ AS d");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1\na;b\nx;y", result.Stdout);
    }

    [Fact]
    public async Task Empty_query_gets_an_empty_query_response()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('Q', RawPgClient.CString("  ; -- nothing\n"));
        var messages = await client.ReadUntilAsync('Z');
        Assert.Equal(['I', 'Z'], messages.Select(m => m.Type));
    }

    [Fact]
    public async Task Model_function_notices_reach_Npgsql_before_the_statement_completes()
    {
        await using var connection = await fixture.OpenAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await using var command = new NpgsqlCommand("SELECT sum(noisy(i::INTEGER)) FROM range(10) t(i)", connection);
        var sum = await command.ExecuteScalarAsync();
        Assert.Equal(90L, Convert.ToInt64(sum, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("noisy saw 10 rows", notices);
    }

    [Fact]
    public async Task Client_min_messages_warning_hides_notices()
    {
        await using var connection = await fixture.OpenAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await using var command = new NpgsqlCommand("SET client_min_messages = warning", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SELECT noisy(1)";
        Assert.Equal(2, await command.ExecuteScalarAsync());
        Assert.Empty(notices);
    }

    [Fact]
    public async Task Protocol_error_in_extended_query_discards_until_sync()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        // Bind to a statement that does not exist, then Execute (ignored), then Sync.
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString("nope"), RawPgClient.Int16(0),
            RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(0));
        await client.SendAsync('S');
        var messages = await client.ReadUntilAsync('Z');
        Assert.Equal(['E', 'Z'], messages.Select(m => m.Type));
        Assert.Equal("26000", RawPgClient.Field(messages[0].Body, 'C'));

        await client.SendAsync('Q', RawPgClient.CString("SELECT 5"));
        var after = await client.ReadUntilAsync('Z');
        Assert.Equal("5", RawPgClient.DataRow(after.Single(m => m.Type == (char)68).Body).Single());
    }
}

using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class AuthTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Scram_user_with_the_right_password_logs_in()
    {
        await using var connection = await fixture.OpenAsync(PgServerFixture.ScramUser, PgServerFixture.ScramPassword);
        await using var command = new NpgsqlCommand("SHOW session_authorization", connection);
        Assert.Equal(PgServerFixture.ScramUser, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Scram_user_with_a_wrong_password_gets_28P01()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.OpenAsync(PgServerFixture.ScramUser, "wrong"));
        Assert.Equal("28P01", error.SqlState);
        Assert.Equal($"password authentication failed for user \"{PgServerFixture.ScramUser}\"", error.MessageText);
    }

    [Fact]
    public async Task Psql_logs_in_with_scram_and_fails_with_a_wrong_password()
    {
        var ok = await Psql.RunAsync(fixture.Port, "SELECT current_user IS NOT NULL", PgServerFixture.ScramUser, PgServerFixture.ScramPassword);
        Assert.Equal("", ok.Stderr);
        Assert.Equal("t", ok.Stdout);

        var bad = await Psql.RunAsync(fixture.Port, "SELECT 1", PgServerFixture.ScramUser, "nope");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("password authentication failed", bad.Stderr);
    }

    [Fact]
    public async Task Startup_sends_the_parameters_clients_need()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Port);
        await client.SendStartupAsync("analyst");
        var messages = await client.ReadUntilAsync('Z');
        Assert.Equal('R', messages[0].Type);
        var parameters = messages.Where(m => m.Type == 'S')
            .Select(m => System.Text.Encoding.UTF8.GetString(m.Body).Split('\0'))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("15.0", parameters["server_version"]);
        Assert.Equal("UTF8", parameters["client_encoding"]);
        Assert.Equal("ISO, MDY", parameters["DateStyle"]);
        Assert.Equal("on", parameters["integer_datetimes"]);
        Assert.Equal("on", parameters["standard_conforming_strings"]);
        Assert.Equal("UTC", parameters["TimeZone"]);
        Assert.Single(messages, m => m.Type == 'K');
        Assert.Equal((byte)'I', messages[^1].Body[0]);
    }

    [Fact]
    public async Task Ssl_request_is_declined_without_a_certificate_and_startup_continues()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Port);
        await client.SendRawAsync([.. RawPgClient.Int32(8), .. RawPgClient.Int32(80877103)]);
        var answer = new byte[1];
        await client.SendStartupAsync("analyst");
        var messages = await client.ReadRawByteThenUntilAsync(answer, 'Z');
        Assert.Equal((byte)'N', answer[0]);
        Assert.Equal('Z', messages[^1].Type);
    }
}

using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class MalformedInputTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Message_length_below_4_is_a_protocol_violation()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendRawAsync([(byte)'Q', .. RawPgClient.Int32(2)]);
        await AssertFatalProtocolViolationAsync(client);
    }

    [Fact]
    public async Task Oversized_message_is_a_protocol_violation()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        // the fixture's maximum is 1 MiB; only the header is sent
        await client.SendRawAsync([(byte)'Q', .. RawPgClient.Int32(2 << 20)]);
        await AssertFatalProtocolViolationAsync(client);
    }

    [Fact]
    public async Task Garbage_startup_packet_is_a_protocol_violation()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Port);
        await client.SendRawAsync([.. RawPgClient.Int32(12), .. "GET / HTTP/1.1"u8.ToArray()[..8]]);
        await AssertFatalProtocolViolationAsync(client);
    }

    [Fact]
    public async Task Startup_length_below_8_is_a_protocol_violation()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Port);
        await client.SendRawAsync(RawPgClient.Int32(3));
        await AssertFatalProtocolViolationAsync(client);
    }

    [Fact]
    public async Task Unknown_message_type_is_a_protocol_violation()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('!', [1, 2, 3]);
        await AssertFatalProtocolViolationAsync(client);
    }

    [Fact]
    public async Task Truncated_bind_is_a_protocol_violation()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('P', RawPgClient.CString(""), RawPgClient.CString("SELECT $1"), RawPgClient.Int16(0));
        // one parameter claimed to be 100 bytes long, 2 given
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString(""), RawPgClient.Int16(0), RawPgClient.Int16(1),
            RawPgClient.Int32(100), [1, 2]);
        await AssertFatalProtocolViolationAsync(client);
    }

    private async Task AssertFatalProtocolViolationAsync(RawPgClient client)
    {
        var messages = await client.ReadToEndAsync();
        var error = messages.Last(m => m.Type == 'E');
        Assert.Equal("08P01", RawPgClient.Field(error.Body, 'C'));
        Assert.Equal("FATAL", RawPgClient.Field(error.Body, 'S'));

        // the server still serves others
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }
}

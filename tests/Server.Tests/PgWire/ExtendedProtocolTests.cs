using System.Buffers.Binary;
using DeepSql.Server.Tests.Support;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class ExtendedProtocolTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Execute_with_a_row_limit_suspends_the_portal_and_resumes()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('P', RawPgClient.CString(""), RawPgClient.CString("SELECT i FROM range(5) t(i) ORDER BY i"), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString(""), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(2));
        }

        await client.SendAsync('S');
        var messages = await client.ReadUntilAsync('Z');
        Assert.Equal("12DDsDDsDCZ", new string(messages.Select(m => m.Type).ToArray()));
        var values = messages.Where(m => m.Type == 'D').Select(m => RawPgClient.DataRow(m.Body)[0]).ToArray();
        Assert.Equal(new string?[] { "0", "1", "2", "3", "4" }, values);
        Assert.Equal("SELECT 1", System.Text.Encoding.UTF8.GetString(messages[^2].Body).TrimEnd('\0'));
    }

    [Fact]
    public async Task Describe_statement_infers_parameter_types_from_the_engine()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('P', RawPgClient.CString("s1"), RawPgClient.CString("SELECT $1::INTEGER + 1 AS n, 'x' AS t"), RawPgClient.Int16(0));
        await client.SendAsync('D', [(byte)'S'], RawPgClient.CString("s1"));
        await client.SendAsync('S');
        var messages = await client.ReadUntilAsync('Z');
        Assert.Equal("1tTZ", new string(messages.Select(m => m.Type).ToArray()));
        var parameters = messages[1].Body;
        Assert.Equal(1, BinaryPrimitives.ReadInt16BigEndian(parameters));
        Assert.Equal(23, BinaryPrimitives.ReadInt32BigEndian(parameters.AsSpan(2)));

        // Bind a text parameter for that statement and run it
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString("s1"), RawPgClient.Int16(0), RawPgClient.Int16(1),
            RawPgClient.Int32(2), "41"u8.ToArray(), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(0));
        await client.SendAsync('S');
        var run = await client.ReadUntilAsync('Z');
        Assert.Equal(new string?[] { "42", "x" }, RawPgClient.DataRow(run.Single(m => m.Type == 'D').Body));
    }

    [Fact]
    public async Task Duplicate_statement_name_and_multiple_commands_are_errors()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('P', RawPgClient.CString("dup"), RawPgClient.CString("SELECT 1"), RawPgClient.Int16(0));
        await client.SendAsync('P', RawPgClient.CString("dup"), RawPgClient.CString("SELECT 2"), RawPgClient.Int16(0));
        await client.SendAsync('S');
        var first = await client.ReadUntilAsync('Z');
        Assert.Equal("42P05", RawPgClient.Field(first.Single(m => m.Type == 'E').Body, 'C'));

        await client.SendAsync('P', RawPgClient.CString(""), RawPgClient.CString("SELECT 1; SELECT 2"), RawPgClient.Int16(0));
        await client.SendAsync('S');
        var second = await client.ReadUntilAsync('Z');
        Assert.Equal("42601", RawPgClient.Field(second.Single(m => m.Type == 'E').Body, 'C'));
    }
}

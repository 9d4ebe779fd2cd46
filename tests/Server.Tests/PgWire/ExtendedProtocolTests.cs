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

    [Fact]
    public async Task Suspended_portal_resumes_after_a_statement_in_between()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('Q', RawPgClient.CString("BEGIN"));
        await client.ReadUntilAsync('Z');

        // portal a: 3 of 1000 rows, then Sync (inside a transaction block the portal stays open)
        await client.SendAsync('P', RawPgClient.CString("sa"), RawPgClient.CString("SELECT i FROM range(1000) t(i) ORDER BY i"), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString("a"), RawPgClient.CString("sa"), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString("a"), RawPgClient.Int32(3));
        await client.SendAsync('S');
        var first = await client.ReadUntilAsync('Z');
        Assert.Equal("12DDDsZ", Types(first));

        // another statement on the unnamed portal, and a simple query
        await client.SendAsync('P', RawPgClient.CString(""), RawPgClient.CString("SELECT 'x' || i FROM range(500) t(i) ORDER BY i"), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString(""), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(0));
        await client.SendAsync('S');
        var between = await client.ReadUntilAsync('Z');
        Assert.Equal(500, between.Count(m => m.Type == 'D'));
        await client.SendAsync('Q', RawPgClient.CString("SELECT 'between'"));
        Assert.Equal("between", RawPgClient.DataRow((await client.ReadUntilAsync('Z')).Single(m => m.Type == 'D').Body)[0]);

        // a again: the remaining rows, exactly
        await client.SendAsync('E', RawPgClient.CString("a"), RawPgClient.Int32(0));
        await client.SendAsync('S');
        var rest = await client.ReadUntilAsync('Z');
        Assert.Equal(Enumerable.Range(3, 997).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            rest.Where(m => m.Type == 'D').Select(m => RawPgClient.DataRow(m.Body)[0]));
        Assert.Equal("SELECT 997", System.Text.Encoding.UTF8.GetString(rest.Single(m => m.Type == 'C').Body).TrimEnd('\0'));
        Assert.DoesNotContain(rest, m => m.Type == 'E');
    }

    [Fact]
    public async Task A_suspended_portal_is_not_timed_while_it_waits()
    {
        // PostgreSQL times each Execute: a portal that waits longer than statement_timeout between Executes is not
        // cancelled, and neither is the statement that runs meanwhile.
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('Q', RawPgClient.CString("BEGIN; SET statement_timeout = '200ms'"));
        await client.ReadUntilAsync('Z');
        await client.SendAsync('P', RawPgClient.CString("st"), RawPgClient.CString("SELECT i FROM range(100) t(i) ORDER BY i"), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString("w"), RawPgClient.CString("st"), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString("w"), RawPgClient.Int32(2));
        await client.SendAsync('S');
        Assert.Equal("12DDsZ", Types(await client.ReadUntilAsync('Z')));

        await Task.Delay(600);
        await client.SendAsync('Q', RawPgClient.CString("SELECT 'meanwhile'"));
        var meanwhile = await client.ReadUntilAsync('Z');
        Assert.DoesNotContain(meanwhile, m => m.Type == 'E');
        Assert.Equal("meanwhile", RawPgClient.DataRow(meanwhile.Single(m => m.Type == 'D').Body)[0]);

        await Task.Delay(400);
        await client.SendAsync('E', RawPgClient.CString("w"), RawPgClient.Int32(0));
        await client.SendAsync('S');
        var rest = await client.ReadUntilAsync('Z');
        Assert.DoesNotContain(rest, m => m.Type == 'E');
        Assert.Equal(98, rest.Count(m => m.Type == 'D'));
    }

    [Fact]
    public async Task Two_portals_interleaved_in_one_implicit_transaction()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('P', RawPgClient.CString("s1"), RawPgClient.CString("SELECT 'p' || i FROM range(700) t(i) ORDER BY i"), RawPgClient.Int16(0));
        await client.SendAsync('P', RawPgClient.CString("s2"), RawPgClient.CString("SELECT 'q' || i FROM range(700) t(i) ORDER BY i"), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString("p"), RawPgClient.CString("s1"), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString("q"), RawPgClient.CString("s2"), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        foreach (var (portal, rows) in new[] { ("p", 2), ("q", 300), ("p", 400), ("q", 0), ("p", 0) })
        {
            await client.SendAsync('E', RawPgClient.CString(portal), RawPgClient.Int32(rows));
        }

        await client.SendAsync('S');
        var messages = await client.ReadUntilAsync('Z');
        Assert.DoesNotContain(messages, m => m.Type == 'E');
        string[] p = [.. Enumerable.Range(0, 700).Select(i => "p" + i)];
        string[] q = [.. Enumerable.Range(0, 700).Select(i => "q" + i)];
        Assert.Equal([.. p[..2], .. q[..300], .. p[2..402], .. q[300..], .. p[402..]],
            messages.Where(m => m.Type == 'D').Select(m => RawPgClient.DataRow(m.Body)[0]));
    }

    private static string Types(List<(char Type, byte[] Body)> messages) => new(messages.Select(m => m.Type).ToArray());
}

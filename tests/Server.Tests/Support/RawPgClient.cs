using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace DeepSql.Server.Tests.Support;

/// <summary>
/// A bare-bytes Postgres client for what real clients cannot produce (malformed packets) or hide (PortalSuspended).
/// </summary>
public sealed class RawPgClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawPgClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _stream.ReadTimeout = 10_000;
    }

    public static async Task<RawPgClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawPgClient(tcp);
    }

    /// <summary>Connects and completes a trust startup; returns after ReadyForQuery.</summary>
    public static async Task<RawPgClient> StartupAsync(int port, string user = "analyst")
    {
        var client = await ConnectAsync(port);
        await client.SendStartupAsync(user);
        await client.ReadUntilAsync('Z');
        return client;
    }

    public async Task SendStartupAsync(string user)
    {
        var body = new List<byte>();
        body.AddRange(Int32(3 << 16));
        foreach (var s in new[] { "user", user, "database", "deepsql" })
        {
            body.AddRange(CString(s));
        }

        body.Add(0);
        await SendRawAsync([.. Int32(body.Count + 4), .. body]);
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public Task SendAsync(char type, params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return SendRawAsync([(byte)type, .. Int32(body.Length + 4), .. body]);
    }

    public static byte[] Int32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }

    public static byte[] Int16(short value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(b, value);
        return b;
    }

    public static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    /// <summary>Reads one backend message; null at end of stream.</summary>
    public async Task<(char Type, byte[] Body)?> ReadAsync()
    {
        var header = new byte[5];
        if (!await ReadExactAsync(header))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        var body = new byte[length - 4];
        if (!await ReadExactAsync(body))
        {
            return null;
        }

        return ((char)header[0], body);
    }

    /// <summary>Reads messages up to and including one of type <paramref name="type"/>.</summary>
    public async Task<List<(char Type, byte[] Body)>> ReadUntilAsync(char type)
    {
        var messages = new List<(char, byte[])>();
        while (await ReadAsync() is { } m)
        {
            messages.Add(m);
            if (m.Type == type)
            {
                return messages;
            }
        }

        return messages;
    }

    /// <summary>Reads the single-byte SSLRequest/GSSENCRequest answer, then messages up to <paramref name="type"/>.</summary>
    public async Task<List<(char Type, byte[] Body)>> ReadRawByteThenUntilAsync(byte[] answer, char type)
    {
        await ReadExactAsync(answer);
        return await ReadUntilAsync(type);
    }

    /// <summary>Reads until the server closes the connection.</summary>
    public async Task<List<(char Type, byte[] Body)>> ReadToEndAsync()
    {
        var messages = new List<(char, byte[])>();
        try
        {
            while (await ReadAsync() is { } m)
            {
                messages.Add(m);
            }
        }
        catch (IOException)
        {
            // reset by the server after its last message
        }

        return messages;
    }

    /// <summary>The SQLSTATE (field C) of an ErrorResponse or NoticeResponse body.</summary>
    public static string? Field(byte[] body, char code)
    {
        var i = 0;
        while (i < body.Length && body[i] != 0)
        {
            var c = (char)body[i];
            var end = Array.IndexOf(body, (byte)0, i + 1);
            var value = Encoding.UTF8.GetString(body, i + 1, end - i - 1);
            if (c == code)
            {
                return value;
            }

            i = end + 1;
        }

        return null;
    }

    /// <summary>Text values of a DataRow body.</summary>
    public static string?[] DataRow(byte[] body)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(body);
        var values = new string?[count];
        var offset = 2;
        for (var i = 0; i < count; i++)
        {
            var len = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(offset));
            offset += 4;
            if (len >= 0)
            {
                values[i] = Encoding.UTF8.GetString(body, offset, len);
                offset += len;
            }
        }

        return values;
    }

    private async Task<bool> ReadExactAsync(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}

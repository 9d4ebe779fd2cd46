using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace DeepSql.Clients.Tests;

/// <summary>One column of a RowDescription.</summary>
public sealed record PgColumn(string Name, int TypeOid, short TypeSize, int TypeModifier, short Format);

/// <summary>What one statement answered: columns, raw DataRow values (null = SQL NULL), tag or error, notices.</summary>
public sealed class PgRawResult
{
    public List<PgColumn> Columns { get; } = [];

    /// <summary>ParameterDescription of a described statement.</summary>
    public List<int> ParameterOids { get; } = [];

    public List<byte[]?[]> Rows { get; } = [];

    public string? CommandTag { get; set; }

    /// <summary>NoticeResponse messages ('M' field) that arrived before this result completed.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>ErrorResponse fields by code ('C' = SQLSTATE, 'M' = message).</summary>
    public Dictionary<char, string>? Error { get; set; }

    public string? SqlState => Error?.GetValueOrDefault('C');

    /// <summary>ErrorResponse field P: the 1-based character position of the error in the query string, if sent.</summary>
    public string? Position => Error?.GetValueOrDefault('P');

    /// <summary>Each value as text (UTF-8), for text-format results.</summary>
    public List<string?[]> TextRows => Rows.Select(r => r.Select(v => v is null ? null : Encoding.UTF8.GetString(v)).ToArray()).ToList();

    public override string ToString() => Error is not null
        ? $"ERROR {SqlState}: {Error.GetValueOrDefault('M')}"
        : $"[{string.Join(", ", Columns.Select(c => $"{c.Name}:{c.TypeOid}"))}] {Rows.Count} rows, {CommandTag}";
}

/// <summary>
/// A minimal Postgres v3 frontend for the tests: startup with trust authentication, simple Query, and one extended
/// round trip (Parse/Bind/Describe/Execute/Sync) with the result format chosen by the test. It shows the exact bytes
/// a server sends, which a driver would convert away.
/// </summary>
public sealed class PgRawClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private PgRawClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _tcp.ReceiveTimeout = 60_000;
    }

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public static PgRawClient Connect(int port, string user, string database)
    {
        var client = new PgRawClient(new TcpClient("127.0.0.1", port));
        client.Startup(user, database);
        return client;
    }

    private void Startup(string user, string database)
    {
        var body = new MemoryStream();
        WriteInt32(body, 196608); // protocol 3.0
        foreach (var s in new[] { "user", user, "database", database, "client_encoding", "UTF8", "DateStyle", "ISO, MDY" })
        {
            WriteCString(body, s);
        }

        body.WriteByte(0);
        var packet = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(packet, packet.Length);
        body.ToArray().CopyTo(packet, 4);
        _stream.Write(packet);
        while (true)
        {
            var (type, payload) = ReadMessage();
            switch (type)
            {
                case 'R' when BinaryPrimitives.ReadInt32BigEndian(payload) == 0:
                    break;
                case 'R':
                    throw new InvalidOperationException($"authentication request {BinaryPrimitives.ReadInt32BigEndian(payload)}: the test client speaks trust only");
                case 'S':
                    var parts = Encoding.UTF8.GetString(payload).Split('\0');
                    Parameters[parts[0]] = parts[1];
                    break;
                case 'E':
                    throw new InvalidOperationException("startup refused: " + string.Join(", ", ParseFields(payload).Select(f => $"{f.Key}={f.Value}")));
                case 'Z':
                    return;
            }
        }
    }

    /// <summary>One statement as a simple-protocol Query on a fresh connection: its one result.</summary>
    public static PgRawResult QueryOnce(int port, string user, string database, string sql)
    {
        using var client = Connect(port, user, database);
        return Assert.Single(client.Query(sql));
    }

    /// <summary>One statement through the extended protocol (text results) on a fresh connection.</summary>
    public static PgRawResult ExtendedOnce(int port, string user, string database, string sql)
    {
        using var client = Connect(port, user, database);
        return client.Extended(sql, 0);
    }

    /// <summary>A simple-protocol Query; one result per statement of the string.</summary>
    public List<PgRawResult> Query(string sql)
    {
        var body = new MemoryStream();
        WriteCString(body, sql);
        Send('Q', body);
        return ReadUntilReady();
    }

    /// <summary>
    /// Parse (unnamed, parameter types left to the server) / Bind (text parameters, every result column in
    /// <paramref name="resultFormat"/>: 0 text, 1 binary) / Describe portal / Execute (all rows) / Sync.
    /// </summary>
    public PgRawResult Extended(string sql, short resultFormat, params string?[] parameters)
    {
        WriteExtended(sql, resultFormat, parameters);
        Send('S', new MemoryStream());
        var results = ReadUntilReady();
        return results.Count == 1 ? results[0] : throw new InvalidOperationException($"{results.Count} results for one extended round trip");
    }

    /// <summary>
    /// Several statements in one pipeline, one Sync at the end, the way Npgsql sends a multi-statement command.
    /// After an error the server skips to Sync, so there may be fewer results than statements.
    /// </summary>
    public List<PgRawResult> ExtendedBatch(IEnumerable<string> statements, short resultFormat)
    {
        foreach (var sql in statements)
        {
            WriteExtended(sql, resultFormat, []);
        }

        Send('S', new MemoryStream());
        return ReadUntilReady();
    }

    /// <summary>Parse (named, with the given parameter type OIDs) / Describe statement / Sync, as a driver prepares.</summary>
    public PgRawResult DescribeStatement(string sql, params int[] parameterOids)
    {
        var parse = new MemoryStream();
        WriteCString(parse, "probe_statement");
        WriteCString(parse, sql);
        WriteInt16(parse, (short)parameterOids.Length);
        foreach (var oid in parameterOids)
        {
            WriteInt32(parse, oid);
        }

        Send('P', parse);
        var describe = new MemoryStream();
        describe.WriteByte((byte)'S');
        WriteCString(describe, "probe_statement");
        Send('D', describe);
        Send('S', new MemoryStream());
        var results = ReadUntilReady();
        return results.Count == 1 ? results[0] : throw new InvalidOperationException($"{results.Count} results for one describe");
    }

    private void WriteExtended(string sql, short resultFormat, string?[] parameters)
    {
        var parse = new MemoryStream();
        WriteCString(parse, "");
        WriteCString(parse, sql);
        WriteInt16(parse, 0);
        Send('P', parse);

        var bind = new MemoryStream();
        WriteCString(bind, "");
        WriteCString(bind, "");
        WriteInt16(bind, 0); // all parameters in text
        WriteInt16(bind, (short)parameters.Length);
        foreach (var p in parameters)
        {
            if (p is null)
            {
                WriteInt32(bind, -1);
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(p);
                WriteInt32(bind, bytes.Length);
                bind.Write(bytes);
            }
        }

        WriteInt16(bind, 1);
        WriteInt16(bind, resultFormat);
        Send('B', bind);

        var describe = new MemoryStream();
        describe.WriteByte((byte)'P');
        WriteCString(describe, "");
        Send('D', describe);

        var execute = new MemoryStream();
        WriteCString(execute, "");
        WriteInt32(execute, 0);
        Send('E', execute);
    }

    private List<PgRawResult> ReadUntilReady()
    {
        var results = new List<PgRawResult>();
        var current = new PgRawResult();
        while (true)
        {
            var (type, payload) = ReadMessage();
            switch (type)
            {
                case 'T':
                    current.Columns.AddRange(ParseRowDescription(payload));
                    break;
                case 'D':
                    current.Rows.Add(ParseDataRow(payload));
                    break;
                case 't':
                    for (var i = 0; i < BinaryPrimitives.ReadInt16BigEndian(payload); i++)
                    {
                        current.ParameterOids.Add(BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(2 + (4 * i))));
                    }

                    break;
                case 'n':
                    // NoData: a described statement that returns no rows
                    current.CommandTag = "";
                    results.Add(current);
                    current = new PgRawResult();
                    break;
                case 'N':
                    current.Notices.Add(ParseFields(payload).GetValueOrDefault('M') ?? "");
                    break;
                case 'C':
                    current.CommandTag = Encoding.UTF8.GetString(payload, 0, payload.Length - 1);
                    results.Add(current);
                    current = new PgRawResult();
                    break;
                case 'E':
                    current.Error = ParseFields(payload);
                    results.Add(current);
                    current = new PgRawResult();
                    break;
                case 'I':
                    current.CommandTag = "";
                    results.Add(current);
                    current = new PgRawResult();
                    break;
                case 'Z':
                    if (current.Columns.Count > 0 || current.ParameterOids.Count > 0)
                    {
                        results.Add(current);
                    }

                    return results;
            }
        }
    }

    private static List<PgColumn> ParseRowDescription(byte[] p)
    {
        var columns = new List<PgColumn>();
        int count = BinaryPrimitives.ReadInt16BigEndian(p), at = 2;
        for (var i = 0; i < count; i++)
        {
            var end = Array.IndexOf(p, (byte)0, at);
            var name = Encoding.UTF8.GetString(p, at, end - at);
            at = end + 1 + 6; // table OID, column number
            var oid = BinaryPrimitives.ReadInt32BigEndian(p.AsSpan(at));
            var size = BinaryPrimitives.ReadInt16BigEndian(p.AsSpan(at + 4));
            var modifier = BinaryPrimitives.ReadInt32BigEndian(p.AsSpan(at + 6));
            var format = BinaryPrimitives.ReadInt16BigEndian(p.AsSpan(at + 10));
            at += 12;
            columns.Add(new PgColumn(name, oid, size, modifier, format));
        }

        return columns;
    }

    private static byte[]?[] ParseDataRow(byte[] p)
    {
        int count = BinaryPrimitives.ReadInt16BigEndian(p), at = 2;
        var values = new byte[]?[count];
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(p.AsSpan(at));
            at += 4;
            if (length >= 0)
            {
                values[i] = p.AsSpan(at, length).ToArray();
                at += length;
            }
        }

        return values;
    }

    private static Dictionary<char, string> ParseFields(byte[] p)
    {
        var fields = new Dictionary<char, string>();
        var at = 0;
        while (at < p.Length && p[at] != 0)
        {
            var code = (char)p[at];
            var end = Array.IndexOf(p, (byte)0, at + 1);
            fields[code] = Encoding.UTF8.GetString(p, at + 1, end - at - 1);
            at = end + 1;
        }

        return fields;
    }

    private (char Type, byte[] Payload) ReadMessage()
    {
        Span<byte> header = stackalloc byte[5];
        _stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32BigEndian(header[1..]);
        var payload = new byte[length - 4];
        _stream.ReadExactly(payload);
        return ((char)header[0], payload);
    }

    private void Send(char type, MemoryStream body)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), (int)body.Length + 4);
        body.ToArray().CopyTo(message, 5);
        _stream.Write(message);
    }

    private static void WriteCString(Stream s, string value)
    {
        s.Write(Encoding.UTF8.GetBytes(value));
        s.WriteByte(0);
    }

    private static void WriteInt16(Stream s, short value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteInt16BigEndian(b, value);
        s.Write(b);
    }

    private static void WriteInt32(Stream s, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        s.Write(b);
    }

    public void Dispose()
    {
        try
        {
            Send('X', new MemoryStream());
        }
        catch (IOException)
        {
        }

        _tcp.Dispose();
    }
}

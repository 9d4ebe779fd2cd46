using System.Buffers;
using System.Text;
using DeepSql.Server.PgWire.Messages;

namespace DeepSql.Server.PgWire.Protocol;

/// <summary>
/// Synchronous parsers over a (possibly multi-segment) buffer. Each returns false when the buffer does not hold a
/// whole message yet, and otherwise consumes the message from <c>buffer</c>. Malformed input throws
/// <see cref="PgProtocolException"/>.
/// </summary>
internal static class PgMessageReader
{
    public const int ProtocolVersion3 = 3 << 16;
    public const int SslRequestCode = 80877103;
    public const int GssEncRequestCode = 80877104;
    public const int CancelRequestCode = 80877102;
    private const int MaxStartupPacket = 10_000;

    /// <summary>Startup packet: int32 length (self-inclusive), int32 code, body.</summary>
    public static bool TryReadStartup(ref ReadOnlySequence<byte> buffer, out PgStartupPacket? packet)
    {
        packet = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out int length))
        {
            return false;
        }

        if (length < 8 || length > MaxStartupPacket)
        {
            throw new PgProtocolException("invalid length of startup packet");
        }

        if (reader.Remaining < length - 4)
        {
            return false;
        }

        reader.TryReadBigEndian(out int code);
        var body = new SequenceReader<byte>(buffer.Slice(reader.Position, length - 8));
        packet = code switch
        {
            SslRequestCode when length == 8 => SslRequest.Instance,
            GssEncRequestCode when length == 8 => GssEncRequest.Instance,
            CancelRequestCode when length == 16 => ReadCancel(ref body),
            _ when code >> 16 == 3 => ReadStartupParameters(code, ref body),
            _ => throw new PgProtocolException(
                $"unsupported frontend protocol {code >> 16}.{code & 0xFFFF}: server supports 3.0 to 3.0"),
        };
        buffer = buffer.Slice(length);
        return true;
    }

    private static CancelRequest ReadCancel(ref SequenceReader<byte> body)
    {
        body.TryReadBigEndian(out int pid);
        body.TryReadBigEndian(out int secret);
        return new CancelRequest(pid, secret);
    }

    private static StartupMessage ReadStartupParameters(int version, ref SequenceReader<byte> body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var name = ReadCString(ref body);
            if (name.Length == 0)
            {
                break;
            }

            parameters[name] = ReadCString(ref body);
        }

        return new StartupMessage(version, parameters);
    }

    /// <summary>Regular message: byte type, int32 length (self-inclusive), body.</summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxMessageBytes, out PgFrontendMessage? message)
    {
        message = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var type) || !reader.TryReadBigEndian(out int length))
        {
            return false;
        }

        if (length < 4)
        {
            throw new PgProtocolException($"invalid message length {length}");
        }

        if (length > maxMessageBytes)
        {
            throw new PgProtocolException($"message of {length} bytes exceeds the maximum of {maxMessageBytes}");
        }

        if (reader.Remaining < length - 4)
        {
            return false;
        }

        var body = new SequenceReader<byte>(buffer.Slice(reader.Position, length - 4));
        message = ParseBody(type, ref body);
        if (body.Remaining != 0 && type != (byte)'p')
        {
            throw new PgProtocolException($"invalid message format (message '{(char)type}' has trailing bytes)");
        }

        buffer = buffer.Slice(length + 1);
        return true;
    }

    private static PgFrontendMessage ParseBody(byte type, ref SequenceReader<byte> body) => type switch
    {
        (byte)'Q' => new QueryMessage(ReadCString(ref body)),
        (byte)'P' => ReadParse(ref body),
        (byte)'B' => ReadBind(ref body),
        (byte)'D' => new DescribeMessage(ReadKind(ref body), ReadCString(ref body)),
        (byte)'E' => new ExecuteMessage(ReadCString(ref body), ReadInt32(ref body)),
        (byte)'C' => new CloseMessage(ReadKind(ref body), ReadCString(ref body)),
        (byte)'S' => SyncMessage.Instance,
        (byte)'H' => FlushMessage.Instance,
        (byte)'X' => TerminateMessage.Instance,
        (byte)'p' => new PasswordMessage(ReadRest(ref body)),
        (byte)'d' or (byte)'c' or (byte)'f' or (byte)'F' => ReadUnsupported(type, ref body),
        _ => throw new PgProtocolException($"invalid frontend message type {type}"),
    };

    private static UnsupportedMessage ReadUnsupported(byte type, ref SequenceReader<byte> body)
    {
        body.Advance(body.Remaining);
        return new UnsupportedMessage(type);
    }

    private static ParseMessage ReadParse(ref SequenceReader<byte> body)
    {
        var name = ReadCString(ref body);
        var sql = ReadCString(ref body);
        var count = ReadInt16(ref body);
        var oids = new int[count];
        for (var i = 0; i < count; i++)
        {
            oids[i] = ReadInt32(ref body);
        }

        return new ParseMessage(name, sql, oids);
    }

    private static BindMessage ReadBind(ref SequenceReader<byte> body)
    {
        var portal = ReadCString(ref body);
        var statement = ReadCString(ref body);
        var formats = ReadInt16Array(ref body);
        var count = ReadInt16(ref body);
        var values = new byte[]?[count];
        for (var i = 0; i < count; i++)
        {
            var len = ReadInt32(ref body);
            if (len < -1 || len > body.Remaining)
            {
                throw new PgProtocolException("insufficient data left in message");
            }

            if (len >= 0)
            {
                var bytes = new byte[len];
                body.TryCopyTo(bytes);
                body.Advance(len);
                values[i] = bytes;
            }
        }

        var resultFormats = ReadInt16Array(ref body);
        return new BindMessage(portal, statement, formats, values, resultFormats);
    }

    private static short[] ReadInt16Array(ref SequenceReader<byte> body)
    {
        var count = ReadInt16(ref body);
        var items = new short[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ReadInt16(ref body);
        }

        return items;
    }

    private static byte ReadKind(ref SequenceReader<byte> body)
    {
        if (!body.TryRead(out var kind) || (kind != (byte)'S' && kind != (byte)'P'))
        {
            throw new PgProtocolException("invalid DESCRIBE/CLOSE message subtype");
        }

        return kind;
    }

    private static short ReadInt16(ref SequenceReader<byte> body)
    {
        if (!body.TryReadBigEndian(out short value) || value < 0)
        {
            throw new PgProtocolException("insufficient data left in message");
        }

        return value;
    }

    private static int ReadInt32(ref SequenceReader<byte> body)
    {
        if (!body.TryReadBigEndian(out int value))
        {
            throw new PgProtocolException("insufficient data left in message");
        }

        return value;
    }

    private static string ReadCString(ref SequenceReader<byte> body)
    {
        if (!body.TryReadTo(out ReadOnlySequence<byte> text, 0))
        {
            throw new PgProtocolException("invalid string in message");
        }

        return Encoding.UTF8.GetString(text);
    }

    private static byte[] ReadRest(ref SequenceReader<byte> body)
    {
        var bytes = new byte[body.Remaining];
        body.TryCopyTo(bytes);
        body.Advance(bytes.Length);
        return bytes;
    }
}

using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Protocol;

/// <summary>A result column as RowDescription describes it.</summary>
internal sealed record PgColumn(string Name, PgType Type, short Format = 0);

/// <summary>Backend messages, written into a <see cref="PgOutputBuffer"/>.</summary>
internal static class PgMessageWriter
{
    public static void AuthenticationOk(PgOutputBuffer o) => Auth(o, 0, []);

    public static void Auth(PgOutputBuffer o, int code, ReadOnlySpan<byte> data)
    {
        o.StartMessage((byte)'R');
        o.WriteInt32(code);
        o.WriteBytes(data);
        o.EndMessage();
    }

    /// <summary>AuthenticationSASL: code 10, then mechanism names, each NUL-terminated, then an empty name.</summary>
    public static void AuthenticationSasl(PgOutputBuffer o, params string[] mechanisms)
    {
        o.StartMessage((byte)'R');
        o.WriteInt32(10);
        foreach (var m in mechanisms)
        {
            o.WriteCString(m);
        }

        o.WriteByte(0);
        o.EndMessage();
    }

    public static void ParameterStatus(PgOutputBuffer o, string name, string value)
    {
        o.StartMessage((byte)'S');
        o.WriteCString(name);
        o.WriteCString(value);
        o.EndMessage();
    }

    public static void BackendKeyData(PgOutputBuffer o, int processId, int secret)
    {
        o.StartMessage((byte)'K');
        o.WriteInt32(processId);
        o.WriteInt32(secret);
        o.EndMessage();
    }

    /// <summary>NegotiateProtocolVersion: newest minor version supported, then the unrecognized options.</summary>
    public static void NegotiateProtocolVersion(PgOutputBuffer o, int minor, IReadOnlyList<string> unrecognized)
    {
        o.StartMessage((byte)'v');
        o.WriteInt32(minor);
        o.WriteInt32(unrecognized.Count);
        foreach (var name in unrecognized)
        {
            o.WriteCString(name);
        }

        o.EndMessage();
    }

    public static void ReadyForQuery(PgOutputBuffer o, byte status)
    {
        o.StartMessage((byte)'Z');
        o.WriteByte(status);
        o.EndMessage();
    }

    /// <summary>
    /// RowDescription: int16 count, per field: name, int32 table oid, int16 column number, int32 type oid,
    /// int16 typlen, int32 typmod, int16 format code.
    /// </summary>
    public static void RowDescription(PgOutputBuffer o, IReadOnlyList<PgColumn> columns)
    {
        o.StartMessage((byte)'T');
        o.WriteInt16((short)columns.Count);
        foreach (var c in columns)
        {
            o.WriteCString(c.Name);
            o.WriteInt32(0);
            o.WriteInt16(0);
            o.WriteInt32(c.Type.Oid);
            o.WriteInt16(c.Type.Length);
            o.WriteInt32(c.Type.TypeModifier);
            o.WriteInt16(c.Format);
        }

        o.EndMessage();
    }

    /// <summary>DataRow: int16 count, per column int32 length (-1 NULL) and the value's bytes.</summary>
    public static void DataRow(PgOutputBuffer o, object?[] row, IReadOnlyList<PgColumn> columns, PgFormatSettings settings)
    {
        o.StartMessage((byte)'D');
        o.WriteInt16((short)columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var value = i < row.Length ? row[i] : null;
            if (value is null or DBNull)
            {
                o.WriteInt32(-1);
                continue;
            }

            var at = o.ReserveInt32();
            var start = o.Length;
            var column = columns[i];
            if (column.Format == 1)
            {
                PgBinaryCodec.Write(o, value, column.Type, settings);
            }
            else
            {
                o.WriteString(PgTextFormat.Format(value, column.Type, settings));
            }

            o.PatchInt32(at, o.Length - start);
        }

        o.EndMessage();
    }

    public static void CommandComplete(PgOutputBuffer o, string tag)
    {
        o.StartMessage((byte)'C');
        o.WriteCString(tag);
        o.EndMessage();
    }

    public static void Empty(PgOutputBuffer o, byte type)
    {
        o.StartMessage(type);
        o.EndMessage();
    }

    public static void EmptyQueryResponse(PgOutputBuffer o) => Empty(o, (byte)'I');

    public static void ParseComplete(PgOutputBuffer o) => Empty(o, (byte)'1');

    public static void BindComplete(PgOutputBuffer o) => Empty(o, (byte)'2');

    public static void CloseComplete(PgOutputBuffer o) => Empty(o, (byte)'3');

    public static void NoData(PgOutputBuffer o) => Empty(o, (byte)'n');

    public static void PortalSuspended(PgOutputBuffer o) => Empty(o, (byte)'s');

    public static void ParameterDescription(PgOutputBuffer o, IReadOnlyList<int> oids)
    {
        o.StartMessage((byte)'t');
        o.WriteInt16((short)oids.Count);
        foreach (var oid in oids)
        {
            o.WriteInt32(oid);
        }

        o.EndMessage();
    }

    /// <summary>ErrorResponse ('E') or NoticeResponse ('N'): fields S, V, C, M, [P], [D], [H], then a terminator.</summary>
    public static void ErrorOrNotice(PgOutputBuffer o, byte type, string severity, string sqlState, string message,
        int position = 0, string? detail = null, string? hint = null)
    {
        o.StartMessage(type);
        Field(o, 'S', severity);
        Field(o, 'V', severity);
        Field(o, 'C', sqlState);
        Field(o, 'M', message);
        if (detail is not null)
        {
            Field(o, 'D', detail);
        }

        if (hint is not null)
        {
            Field(o, 'H', hint);
        }

        if (position > 0)
        {
            Field(o, 'P', position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        o.WriteByte(0);
        o.EndMessage();
    }

    public static void Notice(PgOutputBuffer o, string message, string severity = "NOTICE", string sqlState = SqlStates.SuccessfulCompletion) =>
        ErrorOrNotice(o, (byte)'N', severity, sqlState, message);

    private static void Field(PgOutputBuffer o, char code, string value)
    {
        o.WriteByte((byte)code);
        o.WriteCString(value);
    }
}

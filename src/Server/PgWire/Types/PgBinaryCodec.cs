using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Types;

/// <summary>PostgreSQL binary format (send/recv functions) for the types DeepSQL exchanges.</summary>
internal static class PgBinaryCodec
{
    // PostgreSQL dates and timestamps count from 2000-01-01.
    private static readonly DateTime PgEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateOnly PgEpochDate = new(2000, 1, 1);

    /// <summary>Writes the value's bytes (without the length prefix).</summary>
    public static void Write(PgOutputBuffer o, object value, PgType type, PgFormatSettings settings)
    {
        if (type.AsJson)
        {
            o.WriteString(PgTextFormat.ToJson(value));
            return;
        }

        if (type.ElementOid != 0)
        {
            WriteArray(o, value, type.ElementOid, settings);
            return;
        }

        WriteScalar(o, value, type.Oid, settings);
    }

    public static void WriteScalar(PgOutputBuffer o, object value, int oid, PgFormatSettings settings)
    {
        switch (oid)
        {
            case PgOid.Bool:
                o.WriteByte((bool)value ? (byte)1 : (byte)0);
                break;
            case PgOid.Int2:
                o.WriteInt16(Convert.ToInt16(value, CultureInfo.InvariantCulture));
                break;
            case PgOid.Int4:
                o.WriteInt32(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case PgOid.Int8:
                o.WriteInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case PgOid.Oid:
                o.WriteInt32(unchecked((int)Convert.ToUInt32(value, CultureInfo.InvariantCulture)));
                break;
            case PgOid.Float4:
                o.WriteInt32(BitConverter.SingleToInt32Bits(Convert.ToSingle(value, CultureInfo.InvariantCulture)));
                break;
            case PgOid.Float8:
                o.WriteInt64(BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                break;
            case PgOid.Numeric:
                WriteNumeric(o, value);
                break;
            case PgOid.Bytea:
                o.WriteBytes((byte[])value);
                break;
            case PgOid.Date:
                var date = value is DateTime dt0 ? DateOnly.FromDateTime(dt0) : (DateOnly)value;
                o.WriteInt32(date.DayNumber - PgEpochDate.DayNumber);
                break;
            case PgOid.Time:
                var ticks = value is TimeSpan ts ? ts.Ticks : ((TimeOnly)value).Ticks;
                o.WriteInt64(ticks / 10);
                break;
            case PgOid.Timestamp:
                var local = value is DateTimeOffset dto0 ? dto0.DateTime : (DateTime)value;
                o.WriteInt64((local - PgEpoch).Ticks / 10);
                break;
            case PgOid.TimestampTz:
                var utc = value is DateTimeOffset dto ? dto.UtcDateTime : DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc);
                o.WriteInt64((DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) - PgEpoch).Ticks / 10);
                break;
            case PgOid.Interval:
                var iv = value is TimeSpan span ? new SqlInterval(0, 0, span.Ticks / 10) : (SqlInterval)value;
                o.WriteInt64(iv.Microseconds);
                o.WriteInt32(iv.Days);
                o.WriteInt32(iv.Months);
                break;
            case PgOid.Uuid:
                ((Guid)value).TryWriteBytes(o.GetSpan(16), bigEndian: true, out _);
                o.Advance(16);
                break;
            case PgOid.Jsonb:
                o.WriteByte(1);
                o.WriteString(PgTextFormat.FormatScalar(value, oid, settings));
                break;
            default:
                // text, varchar, name, json, unknown: UTF-8 text
                o.WriteString(PgTextFormat.FormatScalar(value, oid, settings));
                break;
        }
    }

    // Array: int32 ndim, int32 has-null flag, int32 element oid, per dimension (int32 size, int32 lower bound = 1),
    // then per element int32 length (-1 = NULL) and the element's bytes.
    private static void WriteArray(PgOutputBuffer o, object value, int elementOid, PgFormatSettings settings)
    {
        var count = PgValues.Count(value);
        o.WriteInt32(count == 0 ? 0 : 1);
        var flagAt = o.ReserveInt32();
        o.WriteInt32(elementOid);
        if (count > 0)
        {
            o.WriteInt32(count);
            o.WriteInt32(1);
        }

        var hasNull = 0;
        if (value is float[] floats)
        {
            foreach (var f in floats)
            {
                o.WriteInt32(4);
                o.WriteInt32(BitConverter.SingleToInt32Bits(f));
            }
        }
        else
        {
            foreach (var item in PgValues.Enumerate(value))
            {
                if (item is null)
                {
                    hasNull = 1;
                    o.WriteInt32(-1);
                    continue;
                }

                var at = o.ReserveInt32();
                var start = o.Length;
                WriteScalar(o, item, elementOid, settings);
                o.PatchInt32(at, o.Length - start);
            }
        }

        o.PatchInt32(flagAt, hasNull);
    }

    // numeric: int16 ndigits, int16 weight (base-10000 exponent of the first digit), int16 sign (0x0000 +, 0x4000 -,
    // 0xC000 NaN), int16 dscale (digits after the decimal point), then ndigits base-10000 digits.
    private static void WriteNumeric(PgOutputBuffer o, object value)
    {
        var text = value switch
        {
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            BigInteger b => b.ToString(CultureInfo.InvariantCulture),
            double d when double.IsNaN(d) => "NaN",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "0",
        };
        if (text == "NaN")
        {
            o.WriteInt16(0);
            o.WriteInt16(0);
            o.WriteInt16(unchecked((short)0xC000));
            o.WriteInt16(0);
            return;
        }

        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }

        var dot = text.IndexOf('.');
        var intPart = (dot >= 0 ? text[..dot] : text).TrimStart('0');
        var fracPart = dot >= 0 ? text[(dot + 1)..] : "";
        var dscale = (short)fracPart.Length;
        // pad the integer part on the left and the fraction on the right to whole groups of 4 digits
        var intPadded = intPart.PadLeft((intPart.Length + 3) / 4 * 4, '0');
        var fracPadded = fracPart.PadRight((fracPart.Length + 3) / 4 * 4, '0');
        var groups = new List<short>();
        for (var i = 0; i < intPadded.Length; i += 4)
        {
            groups.Add(short.Parse(intPadded.AsSpan(i, 4), CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < fracPadded.Length; i += 4)
        {
            groups.Add(short.Parse(fracPadded.AsSpan(i, 4), CultureInfo.InvariantCulture));
        }

        var weight = intPadded.Length / 4 - 1;
        var first = 0;
        while (first < groups.Count && groups[first] == 0)
        {
            first++;
            weight--;
        }

        var last = groups.Count;
        while (last > first && groups[last - 1] == 0)
        {
            last--;
        }

        if (first == last)
        {
            o.WriteInt16(0);
            o.WriteInt16(0);
            o.WriteInt16(0);
            o.WriteInt16(dscale);
            return;
        }

        o.WriteInt16((short)(last - first));
        o.WriteInt16((short)weight);
        o.WriteInt16(negative ? (short)0x4000 : (short)0);
        o.WriteInt16(dscale);
        for (var i = first; i < last; i++)
        {
            o.WriteInt16(groups[i]);
        }
    }

    /// <summary>Decodes a binary parameter value; false when the bytes do not fit the type.</summary>
    public static object? Read(ReadOnlySpan<byte> data, int oid)
    {
        switch (oid)
        {
            case PgOid.Bool:
                Need(data, 1);
                return data[0] != 0;
            case PgOid.Int2:
                Need(data, 2);
                return BinaryPrimitives.ReadInt16BigEndian(data);
            case PgOid.Int4:
                Need(data, 4);
                return BinaryPrimitives.ReadInt32BigEndian(data);
            case PgOid.Int8:
                Need(data, 8);
                return BinaryPrimitives.ReadInt64BigEndian(data);
            case PgOid.Oid:
                Need(data, 4);
                return (long)BinaryPrimitives.ReadUInt32BigEndian(data);
            case PgOid.Float4:
                Need(data, 4);
                return BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(data));
            case PgOid.Float8:
                Need(data, 8);
                return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(data));
            case PgOid.Numeric:
                return ReadNumeric(data);
            case PgOid.Bytea:
                return data.ToArray();
            case PgOid.Date:
                Need(data, 4);
                return DateOnly.FromDayNumber(PgEpochDate.DayNumber + BinaryPrimitives.ReadInt32BigEndian(data));
            case PgOid.Time:
                Need(data, 8);
                return new TimeOnly(BinaryPrimitives.ReadInt64BigEndian(data) * 10);
            case PgOid.Timestamp:
                Need(data, 8);
                return PgEpoch.AddTicks(BinaryPrimitives.ReadInt64BigEndian(data) * 10);
            case PgOid.TimestampTz:
                Need(data, 8);
                return new DateTimeOffset(PgEpoch.AddTicks(BinaryPrimitives.ReadInt64BigEndian(data) * 10), TimeSpan.Zero);
            case PgOid.Interval:
                Need(data, 16);
                return new SqlInterval(BinaryPrimitives.ReadInt32BigEndian(data[12..]), BinaryPrimitives.ReadInt32BigEndian(data[8..]),
                    BinaryPrimitives.ReadInt64BigEndian(data));
            case PgOid.Uuid:
                Need(data, 16);
                return new Guid(data[..16], bigEndian: true);
            case PgOid.Jsonb:
                Need(data, 1);
                return Encoding.UTF8.GetString(data[1..]);
            default:
                if (PgOid.ElementOf(oid) is var element and not 0)
                {
                    return ReadArray(data, element);
                }

                return Encoding.UTF8.GetString(data);
        }
    }

    private static object ReadArray(ReadOnlySpan<byte> data, int elementOid)
    {
        Need(data, 12);
        var ndim = BinaryPrimitives.ReadInt32BigEndian(data);
        if (ndim == 0)
        {
            return elementOid == PgOid.Float4 ? Array.Empty<float>() : Array.Empty<object?>();
        }

        if (ndim != 1)
        {
            throw new FormatException("only one-dimensional arrays are supported");
        }

        Need(data, 20);
        var count = BinaryPrimitives.ReadInt32BigEndian(data[12..]);
        if (count < 0 || count > data.Length)
        {
            throw new FormatException("invalid array length");
        }

        var offset = 20;
        var items = new object?[count];
        for (var i = 0; i < count; i++)
        {
            Need(data[offset..], 4);
            var len = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += 4;
            if (len < 0)
            {
                continue;
            }

            Need(data[offset..], len);
            items[i] = Read(data.Slice(offset, len), elementOid);
            offset += len;
        }

        if (elementOid == PgOid.Float4 && Array.TrueForAll(items, x => x is not null))
        {
            return Array.ConvertAll(items, x => (float)x!);
        }

        return items;
    }

    private static decimal ReadNumeric(ReadOnlySpan<byte> data)
    {
        Need(data, 8);
        var ndigits = BinaryPrimitives.ReadInt16BigEndian(data);
        var weight = BinaryPrimitives.ReadInt16BigEndian(data[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var dscale = BinaryPrimitives.ReadInt16BigEndian(data[6..]);
        if (sign == 0xC000)
        {
            throw new FormatException("NaN cannot be a decimal");
        }

        Need(data, 8 + ndigits * 2);
        decimal result = 0;
        for (var i = 0; i < ndigits; i++)
        {
            var digit = BinaryPrimitives.ReadInt16BigEndian(data[(8 + i * 2)..]);
            var power = weight - i;
            result += digit * Pow10000(power);
        }

        result = Math.Round(result, Math.Min((int)dscale, 28));
        if (dscale > 0 && dscale <= 28)
        {
            // keep the scale PostgreSQL sent (1.50 stays 1.50)
            result = decimal.Parse(result.ToString("F" + dscale, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return sign == 0x4000 ? -result : result;
    }

    private static decimal Pow10000(int power)
    {
        decimal r = 1;
        if (power >= 0)
        {
            for (var i = 0; i < power; i++)
            {
                r *= 10000;
            }
        }
        else
        {
            for (var i = 0; i < -power; i++)
            {
                r /= 10000;
            }
        }

        return r;
    }

    private static void Need(ReadOnlySpan<byte> data, int count)
    {
        if (data.Length < count)
        {
            throw new FormatException("insufficient data left in message");
        }
    }
}

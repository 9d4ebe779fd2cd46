using System.Collections;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>CLR values in and out of DuckDB.NET, as documented on <see cref="SqlType"/>.</summary>
internal static class DuckDbValues
{
    /// <summary>A parameter value DuckDB.NET can bind.</summary>
    public static object ToParameter(object? value) => value switch
    {
        null => DBNull.Value,
        // DuckDB.NET binds no interval type that keeps months; DuckDB casts this text to INTERVAL where one is expected.
        SqlInterval interval => string.Create(CultureInfo.InvariantCulture,
            $"{interval.Months} months {interval.Days} days {interval.Microseconds} microseconds"),
        float[] floats => floats.ToList(),
        object?[] items => items.ToList(),
        _ => value,
    };

    /// <summary>How to read a non-null value of <paramref name="type"/> from the current row.</summary>
    public static Func<DuckDBDataReader, int, object?> ReaderFor(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Boolean => (r, i) => r.GetBoolean(i),
        SqlTypeKind.Int8 => (r, i) => r.GetFieldValue<sbyte>(i),
        SqlTypeKind.Int16 => (r, i) => r.GetInt16(i),
        SqlTypeKind.Int32 => (r, i) => r.GetInt32(i),
        SqlTypeKind.Int64 => (r, i) => r.GetInt64(i),
        SqlTypeKind.UInt8 => (r, i) => r.GetByte(i),
        SqlTypeKind.UInt16 => (r, i) => r.GetFieldValue<ushort>(i),
        SqlTypeKind.UInt32 => (r, i) => r.GetFieldValue<uint>(i),
        SqlTypeKind.UInt64 => (r, i) => r.GetFieldValue<ulong>(i),
        SqlTypeKind.HugeInt => (r, i) => r.GetFieldValue<BigInteger>(i),
        SqlTypeKind.Float32 => (r, i) => r.GetFloat(i),
        SqlTypeKind.Float64 => (r, i) => r.GetDouble(i),
        SqlTypeKind.Decimal => (r, i) => r.GetDecimal(i),
        SqlTypeKind.Text or SqlTypeKind.Json => (r, i) => r.GetString(i),
        SqlTypeKind.Blob => (r, i) => ReadBlob(r, i),
        SqlTypeKind.Date => (r, i) => r.GetFieldValue<DateOnly>(i),
        SqlTypeKind.Time => (r, i) => r.GetFieldValue<TimeOnly>(i),
        SqlTypeKind.Timestamp => (r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified),
        SqlTypeKind.TimestampTz => (r, i) => ToUtc(r.GetValue(i)),
        SqlTypeKind.Interval => (r, i) => ToInterval(r.GetFieldValue<DuckDBInterval>(i)),
        SqlTypeKind.Uuid => (r, i) => r.GetGuid(i),
        SqlTypeKind.Null => (_, _) => null,
        SqlTypeKind.List => NestedReader(type),
        _ => (r, i) => Convert(r.GetValue(i), type),
    };

    // DuckDB.NET reads a list into List<T> and refuses NULL elements unless T is nullable: ask for List<T?>.
    private static Func<DuckDBDataReader, int, object?> NestedReader(SqlType type)
    {
        var clrType = ClrListType(type);
        if (clrType is null)
        {
            return (r, i) => Convert(r.GetValue(i), type);
        }

        var method = typeof(DuckDBDataReader).GetMethod(nameof(DuckDBDataReader.GetFieldValue))!.MakeGenericMethod(clrType);
        return (r, i) => Convert(method.Invoke(r, [i]), type);
    }

    private static Type? ClrListType(SqlType type)
    {
        if (type.Kind != SqlTypeKind.List || type.Element is null)
        {
            return null;
        }

        var element = type.Element.Kind switch
        {
            SqlTypeKind.List => ClrListType(type.Element),
            SqlTypeKind.Struct => typeof(Dictionary<string, object?>),
            SqlTypeKind.Boolean => typeof(bool?),
            SqlTypeKind.Int8 => typeof(sbyte?),
            SqlTypeKind.Int16 => typeof(short?),
            SqlTypeKind.Int32 => typeof(int?),
            SqlTypeKind.Int64 => typeof(long?),
            SqlTypeKind.UInt8 => typeof(byte?),
            SqlTypeKind.UInt16 => typeof(ushort?),
            SqlTypeKind.UInt32 => typeof(uint?),
            SqlTypeKind.UInt64 => typeof(ulong?),
            SqlTypeKind.HugeInt => typeof(BigInteger?),
            SqlTypeKind.Float32 => typeof(float?),
            SqlTypeKind.Float64 => typeof(double?),
            SqlTypeKind.Decimal => typeof(decimal?),
            SqlTypeKind.Text or SqlTypeKind.Json => typeof(string),
            SqlTypeKind.Date => typeof(DateOnly?),
            SqlTypeKind.Time => typeof(TimeOnly?),
            SqlTypeKind.Timestamp => typeof(DateTime?),
            SqlTypeKind.Uuid => typeof(Guid?),
            SqlTypeKind.Interval => typeof(DuckDBInterval?),
            _ => null,
        };
        return element is null ? null : typeof(List<>).MakeGenericType(element);
    }

    /// <summary>Converts a value DuckDB.NET produced (nested lists, structs, …) to the documented CLR shape.</summary>
    public static object? Convert(object? value, SqlType type)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        switch (type.Kind)
        {
            case SqlTypeKind.List when value is IEnumerable items && value is not string:
                {
                    var element = type.Element ?? SqlType.Text;
                    var converted = items.Cast<object?>().Select(v => Convert(v, element)).ToArray();
                    return element.Kind == SqlTypeKind.Float32 && Array.TrueForAll(converted, v => v is float)
                        ? Array.ConvertAll(converted, v => (float)v!)
                        : converted;
                }
            case SqlTypeKind.Struct when value is IDictionary map:
                {
                    var fields = type.Fields ?? [];
                    var result = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
                    foreach (var field in fields)
                    {
                        result[field.Name] = map.Contains(field.Name) ? Convert(map[field.Name], field.Type) : null;
                    }

                    return result;
                }
            case SqlTypeKind.Boolean: return System.Convert.ToBoolean(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Int8: return System.Convert.ToSByte(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Int16: return System.Convert.ToInt16(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Int32: return System.Convert.ToInt32(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Int64: return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.UInt8: return System.Convert.ToByte(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.UInt16: return System.Convert.ToUInt16(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.UInt32: return System.Convert.ToUInt32(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.UInt64: return System.Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Float32: return System.Convert.ToSingle(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Float64: return System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.Decimal: return System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            case SqlTypeKind.HugeInt: return value is BigInteger big ? big : new BigInteger(System.Convert.ToDecimal(value, CultureInfo.InvariantCulture));
            case SqlTypeKind.Text or SqlTypeKind.Json: return value as string ?? Text(value);
            case SqlTypeKind.Blob: return value is Stream s ? ReadAll(s) : value as byte[];
            case SqlTypeKind.Date: return value switch { DateOnly d => d, DateTime dt => DateOnly.FromDateTime(dt), _ => value };
            case SqlTypeKind.Time: return value switch { TimeOnly t => t, TimeSpan ts => TimeOnly.FromTimeSpan(ts), _ => value };
            case SqlTypeKind.Timestamp: return value is DateTime ts2 ? DateTime.SpecifyKind(ts2, DateTimeKind.Unspecified) : value;
            case SqlTypeKind.TimestampTz: return ToUtc(value);
            case SqlTypeKind.Interval:
                return value switch
                {
                    DuckDBInterval i => ToInterval(i),
                    TimeSpan span => new SqlInterval(0, span.Days, (span.Ticks % TimeSpan.TicksPerDay) / 10),
                    _ => value,
                };
            case SqlTypeKind.Uuid: return value is Guid g ? g : Guid.Parse(Text(value));
            default: return Text(value);
        }
    }

    /// <summary>A SqlType for a column whose type only the reader knows (a parameter-dependent expression).</summary>
    public static SqlType FromClrType(Type type, string dataTypeName)
    {
        var kind = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => SqlTypeKind.Boolean,
            TypeCode.SByte => SqlTypeKind.Int8,
            TypeCode.Int16 => SqlTypeKind.Int16,
            TypeCode.Int32 => SqlTypeKind.Int32,
            TypeCode.Int64 => SqlTypeKind.Int64,
            TypeCode.Byte => SqlTypeKind.UInt8,
            TypeCode.UInt16 => SqlTypeKind.UInt16,
            TypeCode.UInt32 => SqlTypeKind.UInt32,
            TypeCode.UInt64 => SqlTypeKind.UInt64,
            TypeCode.Single => SqlTypeKind.Float32,
            TypeCode.Double => SqlTypeKind.Float64,
            TypeCode.Decimal => SqlTypeKind.Decimal,
            TypeCode.String => SqlTypeKind.Text,
            TypeCode.DateTime => SqlTypeKind.Timestamp,
            _ when type == typeof(Guid) => SqlTypeKind.Uuid,
            _ when type == typeof(DateOnly) => SqlTypeKind.Date,
            _ when type == typeof(TimeOnly) || type == typeof(TimeSpan) && dataTypeName.Contains("Time", StringComparison.OrdinalIgnoreCase) => SqlTypeKind.Time,
            _ when type == typeof(BigInteger) => SqlTypeKind.HugeInt,
            _ when type == typeof(byte[]) || typeof(Stream).IsAssignableFrom(type) => SqlTypeKind.Blob,
            _ => SqlTypeKind.Unknown,
        };
        return kind == SqlTypeKind.Decimal
            ? new SqlType(kind, Precision: 38, Scale: 10, EngineName: dataTypeName.ToUpperInvariant())
            : new SqlType(kind, EngineName: dataTypeName.ToUpperInvariant());
    }

    private static byte[] ReadBlob(DuckDBDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        return ReadAll(stream);
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream memory)
        {
            return memory.ToArray();
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static SqlInterval ToInterval(DuckDBInterval interval) =>
        new(interval.Months, interval.Days, unchecked((long)interval.Micros));

    private static object ToUtc(object value) => value switch
    {
        DateTimeOffset offset => offset.ToUniversalTime(),
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt, DateTimeKind.Utc)),
        _ => value,
    };

    private static string Text(object value) => value switch
    {
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Text(k)}={(map[k] is { } v ? Text(v) : "NULL")}")) + "}",
        IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(v => v is null ? "NULL" : Text(v))) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

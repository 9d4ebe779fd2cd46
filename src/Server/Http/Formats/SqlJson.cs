using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http.Formats;

/// <summary>Writes engine values (CLR values as documented on <see cref="SqlType"/>) as JSON and as text.</summary>
public static class SqlJson
{
    /// <summary>One value: numbers as numbers, BLOB as base64, lists (float[] too) as arrays, structs as objects.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case short sh:
                writer.WriteNumberValue(sh);
                break;
            case sbyte sb:
                writer.WriteNumberValue(sb);
                break;
            case byte by:
                writer.WriteNumberValue(by);
                break;
            case ushort us:
                writer.WriteNumberValue(us);
                break;
            case uint ui:
                writer.WriteNumberValue(ui);
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case float f:
                WriteFloat(writer, f);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case float[] floats:
                writer.WriteStartArray();
                foreach (var f in floats)
                {
                    WriteFloat(writer, f);
                }

                writer.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, object?> fields:
                writer.WriteStartObject();
                foreach (var (name, field) in fields)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, field);
                }

                writer.WriteEndObject();
                break;
            case object?[] items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(FormatScalar(value));
                break;
        }
    }

    /// <summary>
    /// A value as text (CSV cells, Arrow fallback columns): scalars in invariant/ISO form, BLOB as base64,
    /// lists and structs as JSON. Null for SQL NULL.
    /// </summary>
    public static string? Format(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case byte[] bytes:
                return Convert.ToBase64String(bytes);
            case float[] or object?[] or IReadOnlyDictionary<string, object?>:
                using (var buffer = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        WriteValue(writer, value);
                    }

                    return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                }

            default:
                return FormatScalar(value);
        }
    }

    private static string FormatScalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        SqlInterval iv => FormatInterval(iv),
        Guid g => g.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>ISO 8601 duration: P1M2DT3.5S.</summary>
    private static string FormatInterval(SqlInterval iv)
    {
        var seconds = iv.Microseconds / 1_000_000m;
        return string.Create(CultureInfo.InvariantCulture, $"P{iv.Months}M{iv.Days}DT{seconds}S");
    }

    // JSON has no NaN or infinity; write them as strings the way PostgreSQL spells them.
    private static void WriteFloat(Utf8JsonWriter writer, float f)
    {
        if (float.IsFinite(f))
        {
            writer.WriteNumberValue(f);
        }
        else
        {
            writer.WriteStringValue(float.IsNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (double.IsFinite(d))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Types;

/// <summary>Formats values as PostgreSQL's output functions print them (text format).</summary>
public static class PgTextFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Formats a non-null value for a column of type <paramref name="type"/>.</summary>
    public static string Format(object value, PgType type, PgFormatSettings settings)
    {
        if (type.AsJson)
        {
            return ToJson(value);
        }

        if (type.ElementOid != 0)
        {
            return FormatArray(value, type.ElementOid, settings);
        }

        return FormatScalar(value, type.Oid, settings);
    }

    public static string FormatScalar(object value, int oid, PgFormatSettings settings) => value switch
    {
        bool b => b ? "t" : "f",
        float f => FormatFloat(f, 6, settings.ExtraFloatDigits),
        double d when oid == PgOid.Float4 => FormatFloat((float)d, 6, settings.ExtraFloatDigits),
        double d => FormatFloat(d, 15, settings.ExtraFloatDigits),
        decimal m => m.ToString(Inv),
        string s => s,
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        DateOnly date => date.ToString("yyyy-MM-dd", Inv),
        TimeOnly time => FormatTime(time.Ticks),
        TimeSpan span => FormatTime(span.Ticks),
        DateTimeOffset dto => FormatTimestampTz(dto, settings.TimeZone),
        DateTime dt when oid == PgOid.TimestampTz => FormatTimestampTz(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)), settings.TimeZone),
        DateTime dt when oid == PgOid.Date => dt.ToString("yyyy-MM-dd", Inv),
        DateTime dt => dt.ToString("yyyy-MM-dd ", Inv) + FormatTime(dt.TimeOfDay.Ticks),
        SqlInterval iv => FormatInterval(iv),
        Guid g => g.ToString("D"),
        BigInteger big => big.ToString(Inv),
        IFormattable f => f.ToString(null, Inv),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Shortest round-trip digits like PostgreSQL 12+ (extra_float_digits ≥ 1): exponent form when the decimal
    /// exponent is below -4 or at least <paramref name="precision"/> (15 for float8, 6 for float4).
    /// </summary>
    public static string FormatFloat(double value, int precision, int extraFloatDigits = 1)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (extraFloatDigits <= 0)
        {
            // PostgreSQL prints %.{precision + extra_float_digits}g here.
            var digits = Math.Max(1, precision + extraFloatDigits);
            var g = precision == 6 ? ((float)value).ToString("E" + (digits - 1), Inv) : value.ToString("E" + (digits - 1), Inv);
            return Normalize(g, digits);
        }

        var shortest = precision == 6 ? ((float)value).ToString("R", Inv) : value.ToString("R", Inv);
        return Normalize(shortest, precision);
    }

    private static string Normalize(string roundTrip, int precision)
    {
        // roundTrip is either fixed ("123.45", "-0.001") or exponential ("1.5E-05", "1E+20").
        var negative = roundTrip.StartsWith('-');
        var s = negative ? roundTrip[1..] : roundTrip;
        string mantissa;
        var exponent = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = s[..e];
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, Inv);
        }
        else
        {
            mantissa = s;
        }

        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        if (digits.Length == 0)
        {
            return negative ? "-0" : "0";
        }

        // decimal exponent of the first significant digit
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        var decExp = exponent + intPart.Length - 1 - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sb = new StringBuilder(24);
        if (negative)
        {
            sb.Append('-');
        }

        if (decExp < -4 || decExp >= precision)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(decExp < 0 ? '-' : '+').Append(Math.Abs(decExp).ToString("00", Inv));
        }
        else if (decExp < 0)
        {
            sb.Append("0.").Append('0', -decExp - 1).Append(digits);
        }
        else if (digits.Length <= decExp + 1)
        {
            sb.Append(digits).Append('0', decExp + 1 - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, decExp + 1).Append('.').Append(digits, decExp + 1, digits.Length - decExp - 1);
        }

        return sb.ToString();
    }

    public static string FormatTime(long ticks)
    {
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks / TimeSpan.TicksPerMinute % 60;
        var seconds = ticks / TimeSpan.TicksPerSecond % 60;
        var micros = ticks % TimeSpan.TicksPerSecond / 10;
        var text = string.Create(Inv, $"{hours:00}:{minutes:00}:{seconds:00}");
        return micros == 0 ? text : text + "." + micros.ToString("000000", Inv).TrimEnd('0');
    }

    public static string FormatTimestampTz(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        var zoneText = abs.Minutes == 0 ? $"{sign}{abs.Hours:00}" : $"{sign}{abs.Hours:00}:{abs.Minutes:00}";
        return local.ToString("yyyy-MM-dd ", Inv) + FormatTime(local.TimeOfDay.Ticks) + zoneText;
    }

    /// <summary>IntervalStyle postgres: "1 year 2 mons 3 days 04:05:06.5".</summary>
    public static string FormatInterval(SqlInterval iv)
    {
        var parts = new List<string>(4);
        var years = iv.Months / 12;
        var months = iv.Months % 12;
        if (years != 0)
        {
            parts.Add(years + (years == 1 ? " year" : " years"));
        }

        if (months != 0)
        {
            parts.Add(months + (months == 1 ? " mon" : " mons"));
        }

        if (iv.Days != 0)
        {
            parts.Add(iv.Days + (iv.Days == 1 ? " day" : " days"));
        }

        if (iv.Microseconds != 0 || parts.Count == 0)
        {
            var micros = iv.Microseconds;
            var time = FormatTime(Math.Abs(micros) * 10);
            var negative = micros < 0;
            var anyNegativePart = iv.Months < 0 || iv.Days < 0;
            parts.Add(negative ? "-" + time : (anyNegativePart ? "+" + time : time));
        }

        return string.Join(' ', parts);
    }

    private static string FormatArray(object value, int elementOid, PgFormatSettings settings)
    {
        var sb = new StringBuilder();
        sb.Append('{');
        var first = true;
        foreach (var item in PgValues.Enumerate(value))
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            if (item is null)
            {
                sb.Append("NULL");
                continue;
            }

            AppendArrayElement(sb, FormatScalar(item, elementOid, settings));
        }

        return sb.Append('}').ToString();
    }

    private static void AppendArrayElement(StringBuilder sb, string text)
    {
        var quote = text.Length == 0 || text.Equals("NULL", StringComparison.OrdinalIgnoreCase);
        foreach (var c in text)
        {
            if (c is '{' or '}' or ',' or '"' or '\\' or ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
            {
                quote = true;
                break;
            }
        }

        if (!quote)
        {
            sb.Append(text);
            return;
        }

        sb.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }

    /// <summary>Renders a struct / list value as JSON text.</summary>
    public static string ToJson(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case float f when float.IsFinite(f):
                w.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                w.WriteNumberValue(d);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                w.WriteNumberValue(Convert.ToInt64(value, Inv));
                break;
            case ulong ul:
                w.WriteNumberValue(ul);
                break;
            case IReadOnlyDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    w.WritePropertyName(k);
                    WriteJson(w, v);
                }

                w.WriteEndObject();
                break;
            case byte[] bytes:
                w.WriteStringValue("\\x" + Convert.ToHexStringLower(bytes));
                break;
            case System.Collections.IEnumerable when value is not string:
                w.WriteStartArray();
                foreach (var item in PgValues.Enumerate(value))
                {
                    WriteJson(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(FormatScalar(value, PgOid.Text, PgFormatSettings.Default));
                break;
        }
    }
}

using System.Globalization;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Types;

/// <summary>Parses text-format parameter values into the CLR values engines take.</summary>
internal static class PgTextParse
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Parses <paramref name="text"/> as <paramref name="type"/>; unknown types stay strings.</summary>
    public static object? Parse(string text, SqlType type) => type.Kind switch
    {
        SqlTypeKind.Boolean => ParseBool(text),
        SqlTypeKind.Int8 or SqlTypeKind.Int16 => short.Parse(text, NumberStyles.Integer, Inv),
        SqlTypeKind.UInt8 or SqlTypeKind.UInt16 or SqlTypeKind.Int32 => int.Parse(text, NumberStyles.Integer, Inv),
        SqlTypeKind.UInt32 or SqlTypeKind.Int64 => long.Parse(text, NumberStyles.Integer, Inv),
        SqlTypeKind.Float32 => float.Parse(FloatText(text), NumberStyles.Float, Inv),
        SqlTypeKind.Float64 => double.Parse(FloatText(text), NumberStyles.Float, Inv),
        SqlTypeKind.Decimal or SqlTypeKind.UInt64 or SqlTypeKind.HugeInt => decimal.Parse(text, NumberStyles.Float, Inv),
        SqlTypeKind.Blob => ParseBytea(text),
        SqlTypeKind.Date => DateOnly.Parse(text, Inv),
        SqlTypeKind.Time => TimeOnly.Parse(text, Inv),
        SqlTypeKind.Timestamp => DateTime.Parse(text, Inv, DateTimeStyles.None),
        SqlTypeKind.TimestampTz => DateTimeOffset.Parse(NormalizeOffset(text), Inv, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        SqlTypeKind.Uuid => Guid.Parse(text),
        _ => text,
    };

    public static bool ParseBool(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t switch
        {
            "t" or "true" or "y" or "yes" or "on" or "1" => true,
            "f" or "false" or "n" or "no" or "off" or "0" => false,
            _ => throw new FormatException($"invalid input syntax for type boolean: \"{text}\""),
        };
    }

    private static string FloatText(string text) => text.Trim() switch
    {
        "Infinity" or "infinity" or "inf" => "∞",
        "-Infinity" or "-infinity" or "-inf" => "-∞",
        var t => t,
    };

    private static byte[] ParseBytea(string text) =>
        text.StartsWith("\\x", StringComparison.Ordinal) ? Convert.FromHexString(text.AsSpan(2)) : System.Text.Encoding.UTF8.GetBytes(text);

    // "2024-01-02 03:04:05+02" → "+02:00" so DateTimeOffset can read it.
    private static string NormalizeOffset(string text)
    {
        var t = text.Trim();
        if (t.Length > 3 && (t[^3] == '+' || t[^3] == '-') && char.IsDigit(t[^1]) && char.IsDigit(t[^2]))
        {
            return t + ":00";
        }

        return t;
    }
}

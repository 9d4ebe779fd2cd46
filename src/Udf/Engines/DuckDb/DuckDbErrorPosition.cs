using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeepSql.Udf.Sql;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// Reads where an error is in a statement from the excerpt DuckDB appends to its message, e.g.
/// <code>
/// Binder Error: Referenced column "nope" not found in FROM clause!
///
/// LINE 1: SELECT nope FROM (SELECT 1 AS a) t
///                ^
/// </code>
/// The excerpt is one line of the statement (\n, \r\n or \r ends a line), cut to about 120 columns
/// around the error with "..." marking a cut, and the caret's column is the render width of the text before the error
/// (East Asian wide characters take two columns, combining marks none).
/// </summary>
internal static partial class DuckDbErrorPosition
{
    private const string Ellipsis = "...";

    /// <summary>
    /// The 1-based character (code point) position in <paramref name="sql"/> that DuckDB's message points at, or null
    /// when the message has no excerpt or the excerpt does not match the text.
    /// </summary>
    public static int? Find(string sql, string rawMessage)
    {
        if (rawMessage.Contains("syntax error at end of input", StringComparison.Ordinal))
        {
            // no excerpt for this one: PostgreSQL points just past the text
            return SqlText.CodePoints(sql) + 1;
        }

        var match = Excerpt().Match(rawMessage);
        if (!match.Success || !int.TryParse(match.Groups["line"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var lineNumber))
        {
            return null;
        }

        var (lineStart, lineEnd) = LineBounds(sql, lineNumber);
        if (lineStart < 0)
        {
            return null;
        }

        var line = sql[lineStart..lineEnd];
        var excerpt = match.Groups["excerpt"].Value;
        int column = match.Groups["pad"].Length - $"LINE {match.Groups["line"].Value}: ".Length;
        int excerptStart;
        if (line.StartsWith(excerpt.EndsWith(Ellipsis, StringComparison.Ordinal) ? excerpt[..^Ellipsis.Length] : excerpt, StringComparison.Ordinal))
        {
            excerptStart = 0;
        }
        else if (excerpt.StartsWith(Ellipsis, StringComparison.Ordinal))
        {
            var text = excerpt[Ellipsis.Length..];
            if (text.EndsWith(Ellipsis, StringComparison.Ordinal))
            {
                text = text[..^Ellipsis.Length];
            }

            excerptStart = line.IndexOf(text, 1, StringComparison.Ordinal);
            if (excerptStart < 0 || line.IndexOf(text, excerptStart + 1, StringComparison.Ordinal) >= 0)
            {
                return null; // not found, or found twice: no telling which one DuckDB meant
            }

            column -= Ellipsis.Length;
        }
        else
        {
            return null;
        }

        int at = excerptStart;
        int width = 0;
        while (width < column && at < line.Length)
        {
            int length = StringInfo.GetNextTextElementLength(line.AsSpan(at));
            width += RenderWidth(line.AsSpan(at, length));
            at += length;
        }

        if (width != column)
        {
            return null;
        }

        return SqlText.CodePoints(sql.AsSpan(0, lineStart + at)) + 1;
    }

    // \n, \r\n and \r each end one line, as DuckDB numbers them.
    private static (int Start, int End) LineBounds(string sql, int lineNumber)
    {
        int start = 0;
        for (int line = 1; line < lineNumber; line++)
        {
            int next = sql.IndexOfAny(['\n', '\r'], start);
            if (next < 0)
            {
                return (-1, -1);
            }

            start = next + (sql[next] == '\r' && next + 1 < sql.Length && sql[next + 1] == '\n' ? 2 : 1);
        }

        int end = sql.IndexOfAny(['\n', '\r'], start);
        return (start, end < 0 ? sql.Length : end);
    }

    private static int RenderWidth(ReadOnlySpan<char> element)
    {
        Rune.DecodeFromUtf16(element, out var rune, out _);
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        int v = rune.Value;
        bool wide = v is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F or >= 0x1F900 and <= 0x1F9FF or >= 0x20000 and <= 0x3FFFD;
        return wide ? 2 : 1;
    }

    [GeneratedRegex(@"\nLINE (?<line>\d+): (?<excerpt>[^\n]*)\n(?<pad> *)\^\s*$")]
    private static partial Regex Excerpt();
}

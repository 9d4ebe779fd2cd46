namespace DeepSql.Server.PgWire;

/// <summary>
/// Splits a simple-query string into statements on top-level semicolons, aware of 'strings' (E'' escapes),
/// "identifiers", -- and nested /* */ comments and $tag$ dollar quotes.
/// </summary>
public static class PgSqlSplitter
{
    /// <summary>The non-empty statements (comments only counts as empty), trimmed, without the semicolon.</summary>
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var start = 0;
        var hasContent = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == ';')
            {
                Add(statements, sql, start, i, hasContent);
                start = i + 1;
                hasContent = false;
                i++;
                continue;
            }

            var next = Skip(sql, i);
            if (next == i)
            {
                if (!char.IsWhiteSpace(c))
                {
                    hasContent = true;
                }

                i++;
                continue;
            }

            if (!IsComment(sql, i))
            {
                hasContent = true;
            }

            i = next;
        }

        Add(statements, sql, start, sql.Length, hasContent);
        return statements;
    }

    /// <summary>The highest $n placeholder outside quotes and comments (0 when none).</summary>
    public static int CountParameters(string sql)
    {
        var max = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var next = Skip(sql, i);
            if (next != i)
            {
                i = next;
                continue;
            }

            if (sql[i] == '$' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1]) && (i == 0 || !IsIdentChar(sql[i - 1])))
            {
                var j = i + 1;
                var n = 0;
                while (j < sql.Length && char.IsAsciiDigit(sql[j]) && n < 100_000)
                {
                    n = n * 10 + (sql[j] - '0');
                    j++;
                }

                max = Math.Max(max, n);
                i = j;
                continue;
            }

            i++;
        }

        return max;
    }

    /// <summary>SQL without leading comments and whitespace.</summary>
    public static string StripLeadingComments(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (IsComment(sql, i))
            {
                i = Skip(sql, i);
            }
            else
            {
                break;
            }
        }

        return sql[i..];
    }

    private static void Add(List<string> statements, string sql, int start, int end, bool hasContent)
    {
        if (hasContent)
        {
            statements.Add(sql[start..end].Trim());
        }
    }

    private static bool IsComment(string sql, int i) =>
        i + 1 < sql.Length && ((sql[i] == '-' && sql[i + 1] == '-') || (sql[i] == '/' && sql[i + 1] == '*'));

    private static bool IsIdentChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    /// <summary>If a quoted token or comment starts at <paramref name="i"/>, the index after it; else i.</summary>
    private static int Skip(string sql, int i)
    {
        var c = sql[i];
        switch (c)
        {
            case '\'':
                var escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
                return SkipQuoted(sql, i, '\'', escapes);
            case '"':
                return SkipQuoted(sql, i, '"', false);
            case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                var eol = sql.IndexOf('\n', i);
                return eol < 0 ? sql.Length : eol + 1;
            case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                return SkipBlockComment(sql, i);
            case '$' when i == 0 || !IsIdentChar(sql[i - 1]):
                return SkipDollarQuoted(sql, i);
            default:
                return i;
        }
    }

    private static int SkipQuoted(string sql, int i, char quote, bool backslashEscapes)
    {
        var j = i + 1;
        while (j < sql.Length)
        {
            if (backslashEscapes && sql[j] == '\\')
            {
                j += 2;
                continue;
            }

            if (sql[j] == quote)
            {
                if (j + 1 < sql.Length && sql[j + 1] == quote)
                {
                    j += 2;
                    continue;
                }

                return j + 1;
            }

            j++;
        }

        return sql.Length;
    }

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        var j = i;
        while (j < sql.Length)
        {
            if (j + 1 < sql.Length && sql[j] == '/' && sql[j + 1] == '*')
            {
                depth++;
                j += 2;
            }
            else if (j + 1 < sql.Length && sql[j] == '*' && sql[j + 1] == '/')
            {
                depth--;
                j += 2;
                if (depth == 0)
                {
                    return j;
                }
            }
            else
            {
                j++;
            }
        }

        return sql.Length;
    }

    private static int SkipDollarQuoted(string sql, int i)
    {
        // $tag$ … $tag$ where tag is empty or an identifier not starting with a digit
        var j = i + 1;
        while (j < sql.Length && sql[j] != '$')
        {
            if (!(char.IsLetterOrDigit(sql[j]) || sql[j] == '_') || (j == i + 1 && char.IsAsciiDigit(sql[j])))
            {
                return i;
            }

            j++;
        }

        if (j >= sql.Length)
        {
            return i;
        }

        var tag = sql[i..(j + 1)];
        var end = sql.IndexOf(tag, j + 1, StringComparison.Ordinal);
        return end < 0 ? sql.Length : end + tag.Length;
    }
}

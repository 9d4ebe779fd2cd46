namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>Text-level helpers for SQL: splitting a script into statements, naming a statement for its command tag.</summary>
public static class DuckDbStatements
{
    /// <summary>
    /// Splits <paramref name="sql"/> at top-level semicolons. Aware of 'strings' (with '' escapes and E'\'' escapes),
    /// "identifiers", -- line comments, /* nested block comments */ and $tag$ dollar quotes $tag$. Returns the
    /// statements trimmed, without the semicolon; empty statements (only whitespace or comments) are dropped.
    /// </summary>
    public static IReadOnlyList<string> SplitStatements(string sql)
    {
        var statements = new List<string>();
        int start = 0;
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            char next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '\'')
            {
                bool backslashEscapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
                i = SkipQuoted(sql, i, '\'', backslashEscapes);
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', false);
            }
            else if (c == '-' && next == '-')
            {
                int end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && next == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1])) && TryDollarTag(sql, i, out var tag))
            {
                int end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
            }
            else if (c == ';')
            {
                Add(statements, sql[start..i]);
                i++;
                start = i;
            }
            else
            {
                i++;
            }
        }

        Add(statements, sql[start..]);
        return statements;
    }

    /// <summary>
    /// The leading keyword(s) of a statement for its command tag: SELECT (also for WITH, VALUES, SHOW, DESCRIBE,
    /// PRAGMA, EXPLAIN, FROM, TABLE, SUMMARIZE, CALL), INSERT, UPDATE, DELETE, CREATE TABLE, DROP VIEW, SET, BEGIN, ….
    /// </summary>
    public static string StatementKind(string sql)
    {
        var words = LeadingWords(sql, 8);
        if (words.Count == 0)
        {
            return "EMPTY";
        }

        string first = words[0];
        switch (first)
        {
            case "SELECT" or "WITH" or "VALUES" or "SHOW" or "DESCRIBE" or "DESC" or "PRAGMA" or "EXPLAIN" or "FROM"
                or "TABLE" or "SUMMARIZE" or "CALL" or "PIVOT" or "UNPIVOT":
                return "SELECT";
            case "INSERT" or "UPDATE" or "DELETE" or "COPY" or "SET" or "RESET" or "ATTACH" or "DETACH" or "INSTALL"
                or "LOAD" or "CHECKPOINT" or "VACUUM" or "ANALYZE" or "EXPORT" or "IMPORT" or "PREPARE" or "EXECUTE"
                or "DEALLOCATE" or "USE" or "MERGE" or "COMMENT":
                return first;
            case "BEGIN" or "START":
                return "BEGIN";
            case "COMMIT" or "END":
                return "COMMIT";
            case "ROLLBACK" or "ABORT":
                return "ROLLBACK";
            case "TRUNCATE":
                return "TRUNCATE TABLE";
            case "CREATE" or "DROP" or "ALTER":
                foreach (var word in words.Skip(1))
                {
                    if (word is "OR" or "REPLACE" or "TEMP" or "TEMPORARY" or "UNIQUE" or "PERSISTENT" or "IF" or "NOT" or "EXISTS")
                    {
                        continue;
                    }

                    return $"{first} {(word == "MACRO" ? "FUNCTION" : word)}";
                }

                return first;
            default:
                return first;
        }
    }

    /// <summary>
    /// Why the engine refuses a statement outright, or null. DuckDB's allowed_directories admits writes as well as
    /// reads, so statements that write files or open other databases are refused here: COPY … TO, EXPORT DATABASE,
    /// ATTACH, INSTALL/LOAD, and SQL PREPARE of any of them. COPY table FROM file (a read) is allowed.
    /// </summary>
    public static string? RefusalReason(string sql)
    {
        var words = LeadingWords(sql, 3);
        if (words.Count == 0)
        {
            return null;
        }

        switch (words[0])
        {
            case "ATTACH":
                return "ATTACH is not allowed: queries use the service's database only";
            case "EXPORT":
                return "EXPORT DATABASE is not allowed: the engine does not write files";
            case "INSTALL" or "LOAD":
            case "UPDATE" when words.Count > 1 && words[1] == "EXTENSIONS":
            case "FORCE" when words.Count > 1 && words[1] == "INSTALL":
                return "installing or loading extensions is not allowed";
            case "COPY" when !IsCopyFrom(sql):
                return "COPY … TO is not allowed: the engine does not write files (COPY table FROM file is)";
            case "PREPARE":
                {
                    int bodyAt = IndexOfKeyword(sql, "AS");
                    return bodyAt < 0 ? null : RefusalReason(sql[(bodyAt + 2)..]);
                }
            default:
                return null;
        }
    }

    // COPY [schema.]table [(columns)] FROM …: the only COPY that reads rather than writes.
    private static bool IsCopyFrom(string sql)
    {
        int i = SkipTrivia(sql, IndexOfKeyword(sql, "COPY") + 4);
        if (i >= sql.Length || sql[i] == '(')
        {
            return false;
        }

        // a possibly qualified, possibly quoted table name
        while (i < sql.Length)
        {
            if (sql[i] == '"')
            {
                i = SkipQuoted(sql, i, '"', false);
            }
            else if (IsIdentChar(sql[i]))
            {
                int start = i;
                while (i < sql.Length && IsIdentChar(sql[i]))
                {
                    i++;
                }

                if (sql[start..i].Equals("FROM", StringComparison.OrdinalIgnoreCase))
                {
                    return false; // COPY FROM DATABASE a TO b
                }
            }
            else
            {
                return false;
            }

            if (i < sql.Length && sql[i] == '.')
            {
                i++;
                continue;
            }

            break;
        }

        i = SkipTrivia(sql, i);
        if (i < sql.Length && sql[i] == '(')
        {
            int depth = 0;
            for (; i < sql.Length; i++)
            {
                if (sql[i] == '"')
                {
                    i = SkipQuoted(sql, i, '"', false) - 1;
                }
                else if (sql[i] == '(')
                {
                    depth++;
                }
                else if (sql[i] == ')' && --depth == 0)
                {
                    i++;
                    break;
                }
            }

            i = SkipTrivia(sql, i);
        }

        return i + 4 <= sql.Length && sql.AsSpan(i, 4).Equals("FROM", StringComparison.OrdinalIgnoreCase)
            && (i + 4 == sql.Length || !IsIdentChar(sql[i + 4]));
    }

    // The index of a keyword outside strings and comments, or -1.
    private static int IndexOfKeyword(string sql, string keyword)
    {
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'', false);
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', false);
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-' || c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = SkipTrivia(sql, i);
            }
            else if (IsIdentChar(c))
            {
                int start = i;
                while (i < sql.Length && IsIdentChar(sql[i]))
                {
                    i++;
                }

                if (sql.AsSpan(start, i - start).Equals(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return start;
                }
            }
            else
            {
                i++;
            }
        }

        return -1;
    }

    private static int SkipTrivia(string sql, int i)
    {
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                int end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static List<string> LeadingWords(string sql, int max)
    {
        var words = new List<string>();
        int i = 0;
        while (i < sql.Length && words.Count < max)
        {
            char c = sql[i];
            if (char.IsWhiteSpace(c) || c == '(')
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                int end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i;
                while (i < sql.Length && IsIdentChar(sql[i]))
                {
                    i++;
                }

                words.Add(sql[start..i].ToUpperInvariant());
            }
            else
            {
                break;
            }
        }

        return words;
    }

    private static void Add(List<string> statements, string text)
    {
        var trimmed = text.Trim();
        if (CountNonComment(trimmed) > 0)
        {
            statements.Add(trimmed);
        }
    }

    // Characters outside comments and whitespace; a statement of only comments is empty.
    private static int CountNonComment(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                int end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i = SkipBlockComment(text, i);
            }
            else
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    return 1;
                }

                i++;
            }
        }

        return 0;
    }

    private static int SkipQuoted(string sql, int i, char quote, bool backslashEscapes)
    {
        i++;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static int SkipBlockComment(string sql, int i)
    {
        int depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    // $$ or $tag$ where tag is an identifier (not $1, a parameter).
    private static bool TryDollarTag(string sql, int i, out string tag)
    {
        tag = "";
        int j = i + 1;
        if (j < sql.Length && char.IsAsciiDigit(sql[j]))
        {
            return false;
        }

        while (j < sql.Length && IsIdentChar(sql[j]))
        {
            j++;
        }

        if (j < sql.Length && sql[j] == '$')
        {
            tag = sql[i..(j + 1)];
            return true;
        }

        return false;
    }

    private static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

namespace DeepSql.Udf.Sql;

public static partial class SqlText
{
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    /// <summary>
    /// Lexes <paramref name="sql"/> losslessly (the texts of the lexemes concatenate to the input). Never throws:
    /// an unterminated literal or comment runs to the end of the text.
    /// </summary>
    public static List<SqlLexeme> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexemes = new List<SqlLexeme>();
        var i = 0;
        while (i < sql.Length)
        {
            var start = i;
            var c = sql[i];
            SqlLexemeKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                kind = SqlLexemeKind.Space;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                kind = SqlLexemeKind.Comment;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
                kind = SqlLexemeKind.Comment;
            }
            else if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'', backslashEscapes: false);
                kind = SqlLexemeKind.String;
            }
            else if ((c is 'E' or 'e') && Peek(sql, i + 1) == '\'')
            {
                // A word never ends just before a quote (words are read whole), so this E starts the literal.
                i = SkipQuoted(sql, i + 1, '\'', backslashEscapes: true);
                kind = SqlLexemeKind.String;
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', backslashEscapes: false);
                kind = SqlLexemeKind.QuotedIdentifier;
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
                kind = SqlLexemeKind.String;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                // $ belongs to a word (PostgreSQL identifiers may hold it), so a$b$ is not a dollar quote.
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                kind = SqlLexemeKind.Word;
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'
                                          || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                kind = SqlLexemeKind.Number;
            }
            else if (c == ':' && Peek(sql, i + 1) == ':')
            {
                i += 2;
                kind = SqlLexemeKind.Operator;
            }
            else if (OperatorChars.Contains(c, StringComparison.Ordinal))
            {
                while (i < sql.Length && OperatorChars.Contains(sql[i], StringComparison.Ordinal)
                       && !(sql[i] == '-' && Peek(sql, i + 1) == '-')
                       && !(sql[i] == '/' && Peek(sql, i + 1) == '*'))
                {
                    i++;
                }

                kind = SqlLexemeKind.Operator;
            }
            else
            {
                i++;
                kind = SqlLexemeKind.Punctuation;
            }

            lexemes.Add(new SqlLexeme(kind, sql[start..i]));
        }

        return lexemes;
    }

    private static char Peek(string s, int i) => i < s.Length ? s[i] : '\0';

    // PostgreSQL block comments nest.
    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        do
        {
            if (sql[i] == '/' && Peek(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Peek(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
            }
            else
            {
                i++;
            }
        }
        while (i < sql.Length && depth > 0);

        return i;
    }

    private static int SkipQuoted(string sql, int open, char quote, bool backslashEscapes)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
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

    // $$ or $tag$ where tag is an identifier not starting with a digit ($1 is a parameter).
    private static bool TryDollarTag(string sql, int i, out string tag)
    {
        var j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_'))
        {
            j++;
        }

        if (j < sql.Length && sql[j] == '$' && (j == i + 1 || !char.IsDigit(sql[i + 1])))
        {
            tag = sql[i..(j + 1)];
            return true;
        }

        tag = "";
        return false;
    }
}

using System.Text;

namespace DeepSql.Server.PgWire.Catalog;

/// <summary>Kinds of SQL tokens the rewrite tells apart.</summary>
internal enum PgTokenKind
{
    Space,
    Comment,
    Word,
    QuotedIdentifier,
    String,
    Number,
    Operator,
    Punctuation,
}

/// <summary>One token: kind and its exact source text (concatenating all tokens gives the input back).</summary>
internal readonly record struct PgToken(PgTokenKind Kind, string Text)
{
    public bool IsWord(string word) => Kind == PgTokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool IsTrivia => Kind is PgTokenKind.Space or PgTokenKind.Comment;

    /// <summary>An identifier, bare or quoted, compared as PostgreSQL folds it.</summary>
    public bool IsName(string name) =>
        IsWord(name) || (Kind == PgTokenKind.QuotedIdentifier && Text == "\"" + name + "\"");
}

/// <summary>SQL text helpers: a PostgreSQL-flavoured lexer, literals, statement splitting.</summary>
internal static class PgSqlText
{
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    /// <summary>A single-quoted SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Splits a script into statements at semicolons outside literals, identifiers and comments.</summary>
    public static IEnumerable<string> SplitStatements(string script)
    {
        var current = new StringBuilder();
        foreach (var token in Tokenize(script))
        {
            if (token is { Kind: PgTokenKind.Punctuation, Text: ";" })
            {
                var statement = current.ToString();
                current.Clear();
                if (HasCode(statement))
                {
                    yield return statement.Trim();
                }

                continue;
            }

            current.Append(token.Text);
        }

        if (HasCode(current.ToString()))
        {
            yield return current.ToString().Trim();
        }
    }

    private static bool HasCode(string statement) => Tokenize(statement).Any(t => !t.IsTrivia);

    /// <summary>Tokenizes SQL. Never throws: an unterminated literal or comment runs to the end of the text.</summary>
    public static List<PgToken> Tokenize(string sql)
    {
        var tokens = new List<PgToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var start = i;
            var c = sql[i];
            PgTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                kind = PgTokenKind.Space;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                kind = PgTokenKind.Comment;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                // PostgreSQL block comments nest.
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

                kind = PgTokenKind.Comment;
            }
            else if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'', backslashEscapes: false);
                kind = PgTokenKind.String;
            }
            else if ((c is 'E' or 'e') && Peek(sql, i + 1) == '\'')
            {
                i = SkipQuoted(sql, i + 1, '\'', backslashEscapes: true);
                kind = PgTokenKind.String;
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', backslashEscapes: false);
                kind = PgTokenKind.QuotedIdentifier;
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
                kind = PgTokenKind.String;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                kind = PgTokenKind.Word;
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'
                                          || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                kind = PgTokenKind.Number;
            }
            else if (c == ':' && Peek(sql, i + 1) == ':')
            {
                i += 2;
                kind = PgTokenKind.Operator;
            }
            else if (OperatorChars.Contains(c, StringComparison.Ordinal))
            {
                while (i < sql.Length && OperatorChars.Contains(sql[i], StringComparison.Ordinal)
                       && !(sql[i] == '-' && Peek(sql, i + 1) == '-')
                       && !(sql[i] == '/' && Peek(sql, i + 1) == '*'))
                {
                    i++;
                }

                kind = PgTokenKind.Operator;
            }
            else
            {
                i++;
                kind = PgTokenKind.Punctuation;
            }

            tokens.Add(new PgToken(kind, sql[start..i]));
        }

        return tokens;
    }

    private static char Peek(string s, int i) => i < s.Length ? s[i] : '\0';

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

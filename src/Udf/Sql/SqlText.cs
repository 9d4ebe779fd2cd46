namespace DeepSql.Udf.Sql;

/// <summary>
/// The one SQL text lexer of the service (PostgreSQL and DuckDB flavoured): 'strings' with '' escapes, E'' strings with
/// backslash escapes, "quoted identifiers", -- line comments, nested /* block comments */ and $tag$ dollar quotes $tag$.
/// Statement splitting, parameter counting and the catalog's rewrite all read SQL through it.
/// </summary>
public static partial class SqlText
{
    /// <summary>A single-quoted SQL string literal of <paramref name="value"/>.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Splits <paramref name="sql"/> at top-level semicolons: never inside literals, quoted identifiers, comments or
    /// parentheses (as psql does). Returns the statements trimmed, without the semicolon; empty statements (only
    /// whitespace or comments) are dropped. An unterminated literal or comment runs to the end of the last statement.
    /// </summary>
    public static IReadOnlyList<string> Split(string sql) => [.. SplitWithOffsets(sql).Select(s => s.Text)];

    /// <summary>
    /// <see cref="Split"/>, with where each statement starts in <paramref name="sql"/> (a UTF-16 index): an error
    /// position in a statement is reported relative to the whole query string.
    /// </summary>
    public static IReadOnlyList<(string Text, int Offset)> SplitWithOffsets(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<(string, int)>();
        int start = 0;
        int at = 0;
        int depth = 0;
        bool hasCode = false;
        foreach (var lexeme in Tokenize(sql))
        {
            if (lexeme.IsPunctuation(';') && depth == 0)
            {
                Add(start, at);
                start = at + 1;
                hasCode = false;
            }
            else if (!lexeme.IsTrivia)
            {
                hasCode = true;
                if (lexeme.IsPunctuation('('))
                {
                    depth++;
                }
                else if (lexeme.IsPunctuation(')'))
                {
                    depth = Math.Max(0, depth - 1);
                }
            }

            at += lexeme.Text.Length;
        }

        Add(start, sql.Length);
        return statements;

        void Add(int from, int to)
        {
            if (hasCode)
            {
                var text = sql[from..to];
                var trimmed = text.TrimStart();
                statements.Add((trimmed.TrimEnd(), from + text.Length - trimmed.Length));
            }
        }
    }

    /// <summary>Characters as PostgreSQL counts them in positions: code points (a surrogate pair is one).</summary>
    public static int CodePoints(ReadOnlySpan<char> text)
    {
        int count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>The highest $n placeholder outside literals, identifiers and comments (0 when none).</summary>
    public static int CountParameters(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexemes = Tokenize(sql);
        int max = 0;
        for (int i = 0; i + 1 < lexemes.Count; i++)
        {
            if (lexemes[i].IsPunctuation('$') && lexemes[i + 1].Kind == SqlLexemeKind.Number)
            {
                var digits = lexemes[i + 1].Text;
                int n = 0;
                for (int j = 0; j < digits.Length && char.IsAsciiDigit(digits[j]) && n < 100_000; j++)
                {
                    n = n * 10 + (digits[j] - '0');
                }

                max = Math.Max(max, n);
            }
        }

        return max;
    }

    /// <summary>
    /// The leading words of a statement, upper-cased, skipping whitespace, comments and opening parentheses;
    /// stops at the first other lexeme or after <paramref name="max"/> words.
    /// </summary>
    public static IReadOnlyList<string> LeadingWords(string sql, int max)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var words = new List<string>();
        foreach (var lexeme in Tokenize(sql))
        {
            if (words.Count >= max)
            {
                break;
            }

            if (lexeme.IsTrivia || lexeme.IsPunctuation('('))
            {
                continue;
            }

            if (lexeme.Kind != SqlLexemeKind.Word)
            {
                break;
            }

            words.Add(lexeme.Text.ToUpperInvariant());
        }

        return words;
    }
}

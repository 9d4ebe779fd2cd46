namespace DeepSql.Server.Sql;

/// <summary>Splits a SQL script into statements at top-level semicolons (strings, quoted names and comments respected).</summary>
public static class SqlScript
{
    /// <summary>The statements of <paramref name="script"/>, trimmed, without their semicolons; empty ones dropped.</summary>
    public static IReadOnlyList<string> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<string>();
        var start = 0;
        var depth = 0;
        foreach (var token in SqlTokenizer.Tokenize(script))
        {
            if (token.IsSymbol('('))
            {
                depth++;
            }
            else if (token.IsSymbol(')'))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if ((token.IsSymbol(';') && depth == 0) || token.Kind == SqlTokenKind.End)
            {
                Add(script[start..token.Start]);
                start = token.End;
            }
            else if (token.Kind == SqlTokenKind.Error)
            {
                // Unterminated string or comment: the rest is one statement and the engine reports the error.
                Add(script[start..]);
                start = script.Length;
                break;
            }
        }

        return statements;

        void Add(string text)
        {
            // A statement holding only comments is dropped.
            if (SqlTokenizer.Tokenize(text)[0].Kind != SqlTokenKind.End)
            {
                statements.Add(text.Trim());
            }
        }
    }
}

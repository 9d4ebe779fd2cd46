namespace DeepSql.Server.PgWire;

/// <param name="Text">Word, number or symbol; for a quoted token its unquoted content.</param>
/// <param name="Quoted">'string' or "identifier".</param>
/// <param name="End">Offset just after the token in the statement.</param>
internal readonly record struct PgSqlToken(string Text, bool Quoted, bool IsNumber, int End)
{
    public string Upper => Quoted ? Text : Text.ToUpperInvariant();
}

/// <summary>A small lexer for the statements the wire layer answers itself (SET, SHOW, FETCH, …).</summary>
internal static class PgSqlTokens
{
    public static IReadOnlyList<PgSqlToken> Tokenize(string sql)
    {
        var tokens = new List<PgSqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var eol = sql.IndexOf('\n', i);
                i = eol < 0 ? sql.Length : eol + 1;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c is '\'' or '"')
            {
                var sb = new System.Text.StringBuilder();
                var j = i + 1;
                while (j < sql.Length)
                {
                    if (sql[j] == c)
                    {
                        if (j + 1 < sql.Length && sql[j + 1] == c)
                        {
                            sb.Append(c);
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    sb.Append(sql[j]);
                    j++;
                }

                i = Math.Min(j + 1, sql.Length);
                tokens.Add(new PgSqlToken(sb.ToString(), true, false, i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var j = i;
                while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] is '_' or '$'))
                {
                    j++;
                }

                tokens.Add(new PgSqlToken(sql[i..j], false, false, j));
                i = j;
            }
            else if (char.IsAsciiDigit(c) || ((c is '-' or '+') && i + 1 < sql.Length && (char.IsAsciiDigit(sql[i + 1]) || sql[i + 1] == '.')))
            {
                var j = i + 1;
                while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '.'))
                {
                    j++;
                }

                tokens.Add(new PgSqlToken(sql[i..j], false, true, j));
                i = j;
            }
            else
            {
                tokens.Add(new PgSqlToken(c.ToString(), false, false, i + 1));
                i++;
            }
        }

        return tokens;
    }
}

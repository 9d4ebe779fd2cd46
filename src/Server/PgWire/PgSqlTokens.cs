using System.Text;
using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire;

/// <param name="Text">Word, number or symbol; for a quoted token its unquoted content.</param>
/// <param name="Quoted">'string' or "identifier".</param>
/// <param name="End">Offset just after the token in the statement.</param>
internal readonly record struct PgSqlToken(string Text, bool Quoted, bool IsNumber, int End)
{
    public string Upper => Quoted ? Text : Text.ToUpperInvariant();
}

/// <summary>
/// The tokens of the statements the wire layer answers itself (SET, SHOW, FETCH, …), read through
/// <see cref="SqlText.Tokenize"/>: comments dropped, literals unquoted, operators one character each, and a sign
/// directly before a number part of it (SET x = -5).
/// </summary>
internal static class PgSqlTokens
{
    public static IReadOnlyList<PgSqlToken> Tokenize(string sql)
    {
        var lexemes = SqlText.Tokenize(sql);
        var tokens = new List<PgSqlToken>();
        var at = 0;
        for (var k = 0; k < lexemes.Count; k++)
        {
            var (kind, text) = lexemes[k];
            var end = at + text.Length;
            switch (kind)
            {
                case SqlLexemeKind.Space or SqlLexemeKind.Comment:
                    break;
                case SqlLexemeKind.String or SqlLexemeKind.QuotedIdentifier:
                    tokens.Add(new PgSqlToken(Unquote(text), true, false, end));
                    break;
                case SqlLexemeKind.Number:
                    tokens.Add(new PgSqlToken(text, false, true, end));
                    break;
                case SqlLexemeKind.Operator:
                    var signed = text[^1] is '-' or '+' && k + 1 < lexemes.Count && lexemes[k + 1].Kind == SqlLexemeKind.Number;
                    var symbols = signed ? text.Length - 1 : text.Length;
                    for (var j = 0; j < symbols; j++)
                    {
                        tokens.Add(new PgSqlToken(text[j].ToString(), false, false, at + j + 1));
                    }

                    if (signed)
                    {
                        end += lexemes[k + 1].Text.Length;
                        tokens.Add(new PgSqlToken(text[^1] + lexemes[k + 1].Text, false, true, end));
                        k++;
                    }

                    break;
                default:
                    tokens.Add(new PgSqlToken(text, false, false, end));
                    break;
            }

            at = end;
        }

        return tokens;
    }

    // 'it''s', E'it\'s', "a""b" or $tag$body$tag$ → its content; an unterminated literal keeps what it has.
    private static string Unquote(string text)
    {
        if (text[0] == '$')
        {
            var tagEnd = text.IndexOf('$', 1) + 1;
            var body = text[tagEnd..];
            return body.EndsWith(text[..tagEnd], StringComparison.Ordinal) && body.Length >= tagEnd
                ? body[..^tagEnd]
                : body;
        }

        var backslashEscapes = text[0] is 'E' or 'e';
        var open = backslashEscapes ? 1 : 0;
        var quote = text[open];
        var sb = new StringBuilder(text.Length);
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (backslashEscapes && c == '\\' && i + 1 < text.Length)
            {
                i++;
                sb.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var e => e });
            }
            else if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    sb.Append(quote);
                    i++;
                }
                else
                {
                    break;
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

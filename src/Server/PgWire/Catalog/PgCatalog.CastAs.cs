using DeepSql.Udf.Sql;
namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>
    /// <c>CAST(x AS regclass)</c> (and the other reg types) → <c>x::regclass</c> when x is a literal or a parameter,
    /// else <c>(x)::regclass</c>, so that the :: rewrite turns it into a catalog lookup. Works in place; a CAST nested
    /// inside x is rewritten when the scan reaches it.
    /// </summary>
    private static List<SqlLexeme> RewriteCastAsRegTypes(List<SqlLexeme> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var open = NextCode(tokens, i + 1);
            if (!tokens[i].IsWord("CAST") || open < 0 || tokens[open].Text != "(")
            {
                continue;
            }

            var close = MatchingParen(tokens, open);
            var @as = TopLevelAs(tokens, open, close);
            if (tokens[close].Text != ")" || @as < 0)
            {
                continue;
            }

            // AS [pg_catalog.]regX )
            var type = NextCode(tokens, @as + 1);
            if (type >= 0 && tokens[type].IsName("pg_catalog") && IsDot(tokens, NextCode(tokens, type + 1)))
            {
                type = NextCode(tokens, NextCode(tokens, type + 1) + 1);
            }

            if (type < 0 || tokens[type].Kind != SqlLexemeKind.Word || !RegTypes.Contains(tokens[type].Text)
                || NextCode(tokens, type + 1) != close)
            {
                continue;
            }

            // the operand without the space around it (the :: rewrite reads the operand from its last token)
            var first = NextCode(tokens, open + 1);
            var last = @as - 1;
            while (last > first && tokens[last].IsTrivia)
            {
                last--;
            }

            var operand = tokens.GetRange(first, last - first + 1).Where(t => !t.IsTrivia).ToList();
            var single = (operand.Count == 1 && operand[0].Kind is SqlLexemeKind.String or SqlLexemeKind.Number)
                         || (operand.Count == 2 && operand[0].Text == "$");
            var replacement = new List<SqlLexeme>();
            if (!single)
            {
                replacement.Add(new SqlLexeme(SqlLexemeKind.Punctuation, "("));
            }

            replacement.AddRange(tokens.GetRange(first, last - first + 1));
            if (!single)
            {
                replacement.Add(new SqlLexeme(SqlLexemeKind.Punctuation, ")"));
            }

            replacement.Add(new SqlLexeme(SqlLexemeKind.Operator, "::"));
            replacement.Add(tokens[type]);
            tokens.RemoveRange(i, close - i + 1);
            tokens.InsertRange(i, replacement);
            i--;
        }

        return tokens;
    }

    /// <summary>The AS of CAST( … AS type ) at the parenthesis's own depth, or -1.</summary>
    private static int TopLevelAs(List<SqlLexeme> tokens, int open, int close)
    {
        var depth = 0;
        for (var j = open + 1; j < close; j++)
        {
            var text = tokens[j].Kind == SqlLexemeKind.Punctuation ? tokens[j].Text : "";
            if (text == "(")
            {
                depth++;
            }
            else if (text == ")")
            {
                depth--;
            }
            else if (depth == 0 && tokens[j].IsWord("AS"))
            {
                return j;
            }
        }

        return -1;
    }
}

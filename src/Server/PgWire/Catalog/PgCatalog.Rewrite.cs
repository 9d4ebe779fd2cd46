using System.Text;
using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>
    /// Rewrites PostgreSQL-only syntax into what DuckDB runs against the emulated catalog:
    /// <c>pg_catalog.</c> qualifiers are dropped (the search path reaches deepsql_catalog), <c>information_schema.</c>
    /// becomes deepsql_information_schema, <c>public.</c> becomes main; <c>OPERATOR(pg_catalog.~)</c> → <c>~</c>;
    /// <c>~ 'p'</c> and <c>!~ 'p'</c> keep PostgreSQL's partial-match meaning (DuckDB's ~ matches the whole text);
    /// <c>COLLATE x</c> is dropped; <c>::regclass</c>-style casts become catalog lookups; <c>varchar(n)</c> and
    /// <c>"char"</c> become named text types that keep PostgreSQL's type; <c>indkey::varchar</c> is space-separated
    /// and <c>x = ANY(list)</c> in a join condition is list_contains (PgCatalog.Vectors.cs).
    /// The outermost select list's items without an alias get <c>AS "name"</c> with the name PostgreSQL gives them.
    /// Text inside literals, quoted identifiers and comments is never touched.
    /// </summary>
    public string Rewrite(string sql) => Rewrite(sql, out _);

    /// <summary>
    /// <see cref="Rewrite(string)"/>, with where the appended column aliases are in the result (ascending): they are
    /// not in the client's text, so an error position past one moves back by its length.
    /// </summary>
    public string Rewrite(string sql, out IReadOnlyList<(int Start, int Length)> aliases)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexemes = SqlText.Tokenize(sql);
        // named from the client's text: 'x'::regclass is named regclass, not deepsql_regclass_in
        var names = ColumnAliases(lexemes);
        var tokens = RewriteTextTypes(RewriteCastAsRegTypes(lexemes));
        var output = new List<SqlLexeme>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var next = NextCode(tokens, i + 1);

            if ((t.IsName("pg_catalog") || t.IsName("information_schema") || t.IsName("public"))
                && IsDot(tokens, next) && !IsDot(output, LastCode(output)))
            {
                if (t.IsName("information_schema"))
                {
                    output.Add(new SqlLexeme(SqlLexemeKind.Word, "deepsql_information_schema"));
                    output.Add(tokens[next]);
                }
                else if (t.IsName("public"))
                {
                    output.Add(new SqlLexeme(SqlLexemeKind.Word, "main"));
                    output.Add(tokens[next]);
                }

                i = next;
                continue;
            }

            if (t.IsWord("OPERATOR") && next >= 0 && tokens[next].Text == "("
                && TryReadOperator(tokens, next, out var op, out var end))
            {
                i = EmitOperator(tokens, end, new SqlLexeme(SqlLexemeKind.Operator, op), output);
                continue;
            }

            if (t.Kind == SqlLexemeKind.Operator && t.Text is "~" or "!~" or "~*" or "!~*")
            {
                i = EmitOperator(tokens, i, t, output);
                continue;
            }

            if (t.IsWord("COLLATE") && next >= 0)
            {
                // COLLATE [schema.]name: DuckDB knows none of PostgreSQL's collation names; drop the clause.
                var last = SkipQualifiedName(tokens, next);
                if (last >= 0)
                {
                    i = last;
                    continue;
                }
            }

            if (t is { Kind: SqlLexemeKind.Operator, Text: "::" } && next >= 0
                && (TryRewriteVectorText(tokens, next, output, out var castEnd) || TryRewriteCast(tokens, next, output, out castEnd)))
            {
                i = castEnd;
                continue;
            }

            if ((t.IsWord("ANY") || t.IsWord("SOME")) && TryRewriteAnyInJoin(tokens, i, output) is >= 0 and var anyEnd)
            {
                i = anyEnd;
                continue;
            }

            output.Add(t);
        }

        AliasTableFunctionColumns(output);
        var places = ColumnAliasPlaces(output, names);
        var inserted = new List<(int, int)>(places.Count);
        var sb = new StringBuilder(sql.Length + 64);
        for (var i = 0; i < output.Count; i++)
        {
            sb.Append(output[i].Text);
            if (places.TryGetValue(i, out var alias))
            {
                inserted.Add((sb.Length, alias.Length));
                sb.Append(alias);
            }
        }

        aliases = inserted;
        return sb.ToString();
    }

    /// <summary>
    /// <c>FROM generate_series(0, 3) s</c>: PostgreSQL names the column s too; DuckDB makes s the row. Gives the
    /// alias a column list, <c>s(s)</c>, when a set-returning function with a bare alias stands in a FROM clause.
    /// </summary>
    private static void AliasTableFunctionColumns(List<SqlLexeme> output)
    {
        for (var i = 0; i < output.Count; i++)
        {
            if (!(output[i].IsWord("generate_series") || output[i].IsWord("unnest")) || !InFromClause(output, i))
            {
                continue;
            }

            var open = NextCode(output, i + 1);
            if (open < 0 || output[open].Text != "(")
            {
                continue;
            }

            var close = MatchingParen(output, open);
            var alias = NextCode(output, close + 1);
            if (alias >= 0 && output[alias].IsWord("AS"))
            {
                alias = NextCode(output, alias + 1);
            }

            if (alias < 0 || output[alias].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
                || ClauseWords.Contains(output[alias].Text))
            {
                continue;
            }

            var after = NextCode(output, alias + 1);
            if (after >= 0 && output[after].Text == "(")
            {
                continue;
            }

            output.Insert(alias + 1, new SqlLexeme(SqlLexemeKind.Punctuation, "("));
            output.Insert(alias + 2, output[alias]);
            output.Insert(alias + 3, new SqlLexeme(SqlLexemeKind.Punctuation, ")"));
        }
    }

    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "ON",
        "USING", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "WITH",
        "LATERAL", "RETURNING", "FETCH", "FOR",
    };

    private static readonly HashSet<string> JoinModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "LATERAL", "CROSS", "LEFT", "INNER", "NATURAL", "FULL", "RIGHT", "OUTER",
    };

    /// <summary>Whether the nearest clause keyword before <paramref name="at"/>, at the same nesting depth, is FROM or JOIN.</summary>
    private static bool InFromClause(List<SqlLexeme> tokens, int at) =>
        NearestClause(tokens, at, throughParens: false, JoinModifiers) is >= 0 and var j
        && (tokens[j].IsWord("FROM") || tokens[j].IsWord("JOIN"));

    /// <summary>
    /// Index of the nearest clause keyword before <paramref name="at"/> at the same nesting depth (not one of
    /// <paramref name="skipped"/>), or -1; an unmatched '(' ends the search unless <paramref name="throughParens"/>.
    /// </summary>
    private static int NearestClause(List<SqlLexeme> tokens, int at, bool throughParens, IReadOnlySet<string> skipped)
    {
        var depth = 0;
        for (var j = at - 1; j >= 0; j--)
        {
            var text = tokens[j].Text;
            if (text == ")")
            {
                depth++;
            }
            else if (text == "(")
            {
                if (depth == 0)
                {
                    if (!throughParens)
                    {
                        return -1;
                    }

                    continue;
                }

                depth--;
            }
            else if (depth == 0 && tokens[j].Kind == SqlLexemeKind.Word && ClauseWords.Contains(text) && !skipped.Contains(text))
            {
                return j;
            }
        }

        return -1;
    }

    private static int MatchingParen(List<SqlLexeme> tokens, int open)
    {
        var depth = 0;
        for (var j = open; j < tokens.Count; j++)
        {
            if (tokens[j].Text == "(")
            {
                depth++;
            }
            else if (tokens[j].Text == ")" && --depth == 0)
            {
                return j;
            }
        }

        return tokens.Count - 1;
    }

    /// <summary>
    /// Writes a regex operator at tokens[at]; when a string literal follows, wraps the pattern so DuckDB's
    /// whole-text match means PostgreSQL's partial match. Returns the index of the last token consumed.
    /// </summary>
    private static int EmitOperator(List<SqlLexeme> tokens, int at, SqlLexeme op, List<SqlLexeme> output)
    {
        var negate = op.Text.StartsWith('!');
        var caseInsensitive = op.Text.EndsWith('*');
        if (op.Text is not ("~" or "!~" or "~*" or "!~*"))
        {
            output.Add(op);
            return at;
        }

        output.Add(new SqlLexeme(SqlLexemeKind.Operator, negate ? "!~" : "~"));
        var next = NextCode(tokens, at + 1);
        if (next < 0 || tokens[next].Kind != SqlLexemeKind.String || tokens[next].Text.StartsWith('$'))
        {
            return at;
        }

        var literal = tokens[next].Text;
        var prefix = literal.StartsWith('\'') ? "" : literal[..1];
        var body = literal[(prefix.Length + 1)..^1];
        var flags = caseInsensitive ? "(?is)" : "(?s)";
        for (var k = at + 1; k < next; k++)
        {
            output.Add(tokens[k]);
        }

        output.Add(new SqlLexeme(SqlLexemeKind.String, $"{prefix}'{flags}.*(?:{body}).*'"));
        return next;
    }

    /// <summary>Reads <c>( [schema .] op )</c> starting at the '('.</summary>
    private static bool TryReadOperator(List<SqlLexeme> tokens, int open, out string op, out int close)
    {
        op = "";
        close = -1;
        var j = NextCode(tokens, open + 1);
        if (j >= 0 && (tokens[j].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier) && IsDot(tokens, NextCode(tokens, j + 1)))
        {
            j = NextCode(tokens, NextCode(tokens, j + 1) + 1);
        }

        if (j < 0 || tokens[j].Kind != SqlLexemeKind.Operator)
        {
            return false;
        }

        op = tokens[j].Text;
        close = NextCode(tokens, j + 1);
        return close >= 0 && tokens[close].Text == ")";
    }

    /// <summary>Index of the last token of <c>name</c> or <c>schema.name</c> starting at <paramref name="start"/>, or -1.</summary>
    private static int SkipQualifiedName(List<SqlLexeme> tokens, int start)
    {
        if (tokens[start].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier))
        {
            return -1;
        }

        var dot = NextCode(tokens, start + 1);
        if (IsDot(tokens, dot))
        {
            var name = NextCode(tokens, dot + 1);
            return name >= 0 && tokens[name].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier ? name : -1;
        }

        return start;
    }

    private static bool IsDot(List<SqlLexeme> tokens, int i) => i >= 0 && tokens[i] is { Kind: SqlLexemeKind.Punctuation, Text: "." };

    private static int NextCode(List<SqlLexeme> tokens, int from)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (!tokens[i].IsTrivia)
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastCode(List<SqlLexeme> tokens) => PreviousCode(tokens, tokens.Count - 1);
}

using System.Text;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>Casts to these types become catalog lookups (deepsql_&lt;type&gt;_in / _out macros).</summary>
    private static readonly HashSet<string> RegTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "regclass", "regtype", "regproc", "regprocedure", "regnamespace", "regrole",
    };

    /// <summary>Casts to PostgreSQL-only types DuckDB lacks, and what to cast to instead.</summary>
    private static readonly Dictionary<string, string> CastTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "VARCHAR",
        ["\"char\""] = "VARCHAR",
        ["sql_identifier"] = "VARCHAR",
        ["character_data"] = "VARCHAR",
        ["yes_or_no"] = "VARCHAR",
        ["cardinal_number"] = "INTEGER",
        ["time_stamp"] = "TIMESTAMPTZ",
        ["oidvector"] = "UINTEGER[]",
        ["int2vector"] = "SMALLINT[]",
        ["regoper"] = "UINTEGER",
        ["xid"] = "UINTEGER",
    };

    private static readonly HashSet<string> IntegerTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "oid", "int", "int4", "int8", "integer", "bigint",
    };

    /// <summary>
    /// Rewrites PostgreSQL-only syntax into what DuckDB runs against the emulated catalog:
    /// <c>pg_catalog.</c> qualifiers are dropped (the search path reaches deepsql_catalog), <c>information_schema.</c>
    /// becomes deepsql_information_schema, <c>public.</c> becomes main; <c>OPERATOR(pg_catalog.~)</c> → <c>~</c>;
    /// <c>~ 'p'</c> and <c>!~ 'p'</c> keep PostgreSQL's partial-match meaning (DuckDB's ~ matches the whole text);
    /// <c>COLLATE x</c> is dropped; <c>::regclass</c>-style casts become catalog lookups; <c>::name</c> → VARCHAR.
    /// Text inside literals, quoted identifiers and comments is never touched.
    /// </summary>
    public string Rewrite(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = PgSqlText.Tokenize(sql);
        var output = new List<PgToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var next = NextCode(tokens, i + 1);

            if ((t.IsName("pg_catalog") || t.IsName("information_schema") || t.IsName("public"))
                && IsDot(tokens, next) && !IsDot(output, LastCode(output)))
            {
                if (t.IsName("information_schema"))
                {
                    output.Add(new PgToken(PgTokenKind.Word, "deepsql_information_schema"));
                    output.Add(tokens[next]);
                }
                else if (t.IsName("public"))
                {
                    output.Add(new PgToken(PgTokenKind.Word, "main"));
                    output.Add(tokens[next]);
                }

                i = next;
                continue;
            }

            if (t.IsWord("OPERATOR") && next >= 0 && tokens[next].Text == "("
                && TryReadOperator(tokens, next, out var op, out var end))
            {
                i = EmitOperator(tokens, end, new PgToken(PgTokenKind.Operator, op), output);
                continue;
            }

            if (t.Kind == PgTokenKind.Operator && t.Text is "~" or "!~" or "~*" or "!~*")
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

            if (t is { Kind: PgTokenKind.Operator, Text: "::" } && next >= 0 && TryRewriteCast(tokens, next, output, out var castEnd))
            {
                i = castEnd;
                continue;
            }

            output.Add(t);
        }

        AliasTableFunctionColumns(output);
        var sb = new StringBuilder(sql.Length + 64);
        foreach (var t in output)
        {
            sb.Append(t.Text);
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>FROM generate_series(0, 3) s</c>: PostgreSQL names the column s too; DuckDB makes s the row. Gives the
    /// alias a column list, <c>s(s)</c>, when a set-returning function with a bare alias stands in a FROM clause.
    /// </summary>
    private static void AliasTableFunctionColumns(List<PgToken> output)
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

            if (alias < 0 || output[alias].Kind is not (PgTokenKind.Word or PgTokenKind.QuotedIdentifier)
                || ClauseWords.Contains(output[alias].Text))
            {
                continue;
            }

            var after = NextCode(output, alias + 1);
            if (after >= 0 && output[after].Text == "(")
            {
                continue;
            }

            output.Insert(alias + 1, new PgToken(PgTokenKind.Punctuation, "("));
            output.Insert(alias + 2, output[alias]);
            output.Insert(alias + 3, new PgToken(PgTokenKind.Punctuation, ")"));
        }
    }

    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "ON",
        "USING", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "WITH",
        "LATERAL", "RETURNING", "FETCH", "FOR",
    };

    /// <summary>Whether the nearest clause keyword before <paramref name="at"/>, at the same nesting depth, is FROM or JOIN.</summary>
    private static bool InFromClause(List<PgToken> tokens, int at)
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
                    return false;
                }

                depth--;
            }
            else if (depth == 0 && tokens[j].Kind == PgTokenKind.Word && ClauseWords.Contains(text)
                     && !tokens[j].IsWord("LATERAL") && !tokens[j].IsWord("CROSS") && !tokens[j].IsWord("LEFT")
                     && !tokens[j].IsWord("INNER") && !tokens[j].IsWord("NATURAL") && !tokens[j].IsWord("FULL")
                     && !tokens[j].IsWord("RIGHT") && !tokens[j].IsWord("OUTER"))
            {
                return tokens[j].IsWord("FROM") || tokens[j].IsWord("JOIN");
            }
        }

        return false;
    }

    private static int MatchingParen(List<PgToken> tokens, int open)
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
    private static int EmitOperator(List<PgToken> tokens, int at, PgToken op, List<PgToken> output)
    {
        var negate = op.Text.StartsWith('!');
        var caseInsensitive = op.Text.EndsWith('*');
        if (op.Text is not ("~" or "!~" or "~*" or "!~*"))
        {
            output.Add(op);
            return at;
        }

        output.Add(new PgToken(PgTokenKind.Operator, negate ? "!~" : "~"));
        var next = NextCode(tokens, at + 1);
        if (next < 0 || tokens[next].Kind != PgTokenKind.String || tokens[next].Text.StartsWith('$'))
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

        output.Add(new PgToken(PgTokenKind.String, $"{prefix}'{flags}.*(?:{body}).*'"));
        return next;
    }

    /// <summary>Reads <c>( [schema .] op )</c> starting at the '('.</summary>
    private static bool TryReadOperator(List<PgToken> tokens, int open, out string op, out int close)
    {
        op = "";
        close = -1;
        var j = NextCode(tokens, open + 1);
        if (j >= 0 && (tokens[j].Kind is PgTokenKind.Word or PgTokenKind.QuotedIdentifier) && IsDot(tokens, NextCode(tokens, j + 1)))
        {
            j = NextCode(tokens, NextCode(tokens, j + 1) + 1);
        }

        if (j < 0 || tokens[j].Kind != PgTokenKind.Operator)
        {
            return false;
        }

        op = tokens[j].Text;
        close = NextCode(tokens, j + 1);
        return close >= 0 && tokens[close].Text == ")";
    }

    private bool TryRewriteCast(List<PgToken> tokens, int typeStart, List<PgToken> output, out int castEnd)
    {
        castEnd = -1;
        var typeIndex = typeStart;
        if ((tokens[typeIndex].IsName("pg_catalog") || tokens[typeIndex].IsName("information_schema"))
            && IsDot(tokens, NextCode(tokens, typeIndex + 1)))
        {
            typeIndex = NextCode(tokens, NextCode(tokens, typeIndex + 1) + 1);
        }

        if (typeIndex < 0 || tokens[typeIndex].Kind is not (PgTokenKind.Word or PgTokenKind.QuotedIdentifier))
        {
            return false;
        }

        var type = tokens[typeIndex].Text;
        if (CastTypes.TryGetValue(type, out var replacement))
        {
            output.Add(new PgToken(PgTokenKind.Operator, "::"));
            output.Add(new PgToken(PgTokenKind.Word, replacement));
            castEnd = typeIndex;
            return true;
        }

        if (!RegTypes.Contains(type))
        {
            if (typeIndex != typeStart)
            {
                // ::pg_catalog.text → ::text
                output.Add(new PgToken(PgTokenKind.Operator, "::"));
                output.Add(tokens[typeIndex]);
                castEnd = typeIndex;
                return true;
            }

            return false;
        }

        var kind = type.ToLowerInvariant() switch
        {
            "regprocedure" => "regproc",
            var k => k,
        };
        var operandStart = OperandStart(output);
        if (operandStart < 0)
        {
            return false;
        }

        var operand = output.GetRange(operandStart, output.Count - operandStart);
        output.RemoveRange(operandStart, output.Count - operandStart);
        // A literal or a parameter names the object ('photos'::regclass); anything else is an OID to display.
        var literal = (operand.Count == 1 && operand[0].Kind == PgTokenKind.String)
                      || (operand.Count == 2 && operand[0].Text == "$");
        var thenInteger = NextCode(tokens, typeIndex + 1) is var after and >= 0 && tokens[after].Text == "::"
                          && NextCode(tokens, after + 1) is var t2 and >= 0 && IntegerTypes.Contains(tokens[t2].Text);
        if (!literal && thenInteger)
        {
            // oid::regclass::oid is the oid itself
            output.AddRange(operand);
        }
        else
        {
            output.Add(new PgToken(PgTokenKind.Word, $"deepsql_{kind}_{(literal ? "in" : "out")}"));
            output.Add(new PgToken(PgTokenKind.Punctuation, "("));
            output.AddRange(operand);
            output.Add(new PgToken(PgTokenKind.Punctuation, ")"));
        }

        castEnd = typeIndex;
        return true;
    }

    /// <summary>Start of the primary expression that ends the output: a literal, a (qualified) name, a call, or (…).</summary>
    private static int OperandStart(List<PgToken> output)
    {
        var j = output.Count - 1;
        if (j < 0 || output[j].IsTrivia)
        {
            return -1;
        }

        if (output[j].Kind is PgTokenKind.String or PgTokenKind.Number)
        {
            // $1: a parameter is one operand
            return j > 0 && output[j].Kind == PgTokenKind.Number && output[j - 1].Text == "$" ? j - 1 : j;
        }

        if (output[j].Text == ")")
        {
            var depth = 0;
            for (; j >= 0; j--)
            {
                if (output[j].Text == ")")
                {
                    depth++;
                }
                else if (output[j].Text == "(" && --depth == 0)
                {
                    break;
                }
            }

            if (j <= 0)
            {
                return j;
            }

            if (output[j - 1].Kind is not (PgTokenKind.Word or PgTokenKind.QuotedIdentifier))
            {
                return j;
            }

            j--;
        }

        if (output[j].Kind is not (PgTokenKind.Word or PgTokenKind.QuotedIdentifier))
        {
            return -1;
        }

        while (j >= 2 && output[j - 1].Text == "." && output[j - 2].Kind is PgTokenKind.Word or PgTokenKind.QuotedIdentifier)
        {
            j -= 2;
        }

        return j;
    }

    /// <summary>Index of the last token of <c>name</c> or <c>schema.name</c> starting at <paramref name="start"/>, or -1.</summary>
    private static int SkipQualifiedName(List<PgToken> tokens, int start)
    {
        if (tokens[start].Kind is not (PgTokenKind.Word or PgTokenKind.QuotedIdentifier))
        {
            return -1;
        }

        var dot = NextCode(tokens, start + 1);
        if (IsDot(tokens, dot))
        {
            var name = NextCode(tokens, dot + 1);
            return name >= 0 && tokens[name].Kind is PgTokenKind.Word or PgTokenKind.QuotedIdentifier ? name : -1;
        }

        return start;
    }

    private static bool IsDot(List<PgToken> tokens, int i) => i >= 0 && tokens[i] is { Kind: PgTokenKind.Punctuation, Text: "." };

    private static int NextCode(List<PgToken> tokens, int from)
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

    private static int LastCode(List<PgToken> tokens)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (!tokens[i].IsTrivia)
            {
                return i;
            }
        }

        return -1;
    }
}

using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>Words that end an expression or start a clause: never a bare column label, never a column.</summary>
    private static readonly HashSet<string> NotLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "ANY", "AS", "ASC", "ASYMMETRIC", "AT", "BETWEEN", "COLLATE", "DESC", "DISTINCT", "ELSE", "END",
        "ESCAPE", "EXCEPT", "FETCH", "FOR", "FROM", "GLOB", "GROUP", "HAVING", "ILIKE", "IN", "INTERSECT", "INTO",
        "IS", "ISNULL", "LIKE", "LIMIT", "NOT", "NOTNULL", "OFFSET", "ON", "OR", "ORDER", "OVERLAPS", "QUALIFY",
        "RETURNING", "SELECT", "SIMILAR", "SOME", "SYMMETRIC", "THEN", "TO", "UNION", "USING", "WHEN", "WHERE",
        "WINDOW", "WITH",
    };

    /// <summary>Words joining two operands (LIKE, NOT IN, BETWEEN … AND, SIMILAR TO, …).</summary>
    private static readonly HashSet<string> ConnectorWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "NOT", "LIKE", "ILIKE", "GLOB", "SIMILAR", "TO", "BETWEEN", "SYMMETRIC", "ASYMMETRIC", "IN",
        "ESCAPE", "OVERLAPS",
    };

    /// <summary>What follows IS [NOT] in a predicate of one operand.</summary>
    private static readonly HashSet<string> IsPredicates = new(StringComparer.OrdinalIgnoreCase)
    {
        "NULL", "TRUE", "FALSE", "UNKNOWN", "DOCUMENT", "NORMALIZED", "NFC", "NFD", "NFKC", "NFKD",
    };

    private static readonly HashSet<string> IntervalFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO",
    };

    /// <summary>SQL type keywords → the pg_type name PostgreSQL's grammar turns them into.</summary>
    private static readonly Dictionary<string, string> TypeKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = "int4", ["integer"] = "int4", ["smallint"] = "int2", ["bigint"] = "int8", ["real"] = "float4",
        ["float"] = "float8", ["decimal"] = "numeric", ["dec"] = "numeric", ["numeric"] = "numeric",
        ["boolean"] = "bool", ["varchar"] = "varchar", ["char"] = "bpchar", ["character"] = "bpchar",
        ["nchar"] = "bpchar", ["bit"] = "bit",
    };

    /// <summary>
    /// A column name as PostgreSQL's FigureColname computes it: Strength 2 a name, 1 a type's name (a cast of
    /// something nameless, a CASE), 0 no name (?column?), -1 a name this reader cannot know (a subquery's *).
    /// </summary>
    private readonly record struct ColumnName(string? Name, int Strength)
    {
        public static ColumnName None => new(null, 0);

        public static ColumnName Unknown => new(null, -1);

        public ColumnName CastTo(string type) => Strength is 0 or 1 ? new ColumnName(type, 1) : this;
    }

    /// <summary>
    /// Reads one expression from code[i] on (operands joined by operators) and names it; null when the tokens are
    /// not an expression this reader follows. Stops before the first token that cannot continue it (an alias).
    /// </summary>
    private static ColumnName? FigureExpression(List<SqlLexeme> code, ref int i, int end)
    {
        var operands = 0;
        var compound = false;
        string? connector = null;
        var connectors = 0;
        ColumnName first = ColumnName.None;
        while (true)
        {
            while (i < end && (code[i] is { Kind: SqlLexemeKind.Operator, Text: not "::" } || code[i].IsWord("NOT")))
            {
                compound = true;
                i++;
            }

            if (i >= end || FigurePrimary(code, ref i, end) is not { } operand)
            {
                return null;
            }

            if (operands++ == 0)
            {
                first = operand;
            }

            // IS [NOT] NULL … and ISNULL / NOTNULL take one operand; IS [NOT] DISTINCT FROM takes two
            var at = i;
            var joined = false;
            while (!joined && i < end && (code[i].IsWord("IS") || code[i].IsWord("ISNULL") || code[i].IsWord("NOTNULL")))
            {
                compound = true;
                at = i;
                if (!code[i++].IsWord("IS"))
                {
                    continue;
                }

                if (i < end && code[i].IsWord("NOT"))
                {
                    i++;
                }

                if (i + 1 < end && code[i].IsWord("DISTINCT") && code[i + 1].IsWord("FROM"))
                {
                    i += 2;
                    joined = true;
                }
                else if (i < end && IsPredicates.Contains(code[i].Text))
                {
                    while (i < end && code[i].Kind == SqlLexemeKind.Word && IsPredicates.Contains(code[i].Text))
                    {
                        i++;
                    }
                }
                else
                {
                    return null;
                }
            }

            if (!joined)
            {
                at = i;
                if (i < end && code[i] is { Kind: SqlLexemeKind.Operator, Text: not "::" })
                {
                    i++;
                }
                else if (i + 2 < end && code[i].IsWord("AT") && code[i + 1].IsWord("TIME") && code[i + 2].IsWord("ZONE"))
                {
                    i += 3;
                }
                else
                {
                    while (i < end && code[i].Kind == SqlLexemeKind.Word && ConnectorWords.Contains(code[i].Text))
                    {
                        i++;
                    }
                }

                if (i == at)
                {
                    break;
                }
            }

            connector = code[at].Text.ToUpperInvariant();
            connectors++;
        }

        if (operands == 1 && !compound)
        {
            return first;
        }

        // x AT TIME ZONE z is timezone(z, x) to PostgreSQL's grammar, (a, b) OVERLAPS (c, d) is overlaps(…)
        return operands == 2 && connectors == 1 && !compound && connector is "AT" or "OVERLAPS"
            ? new ColumnName(connector == "AT" ? "timezone" : "overlaps", 2)
            : ColumnName.None;
    }

    /// <summary>One operand with its postfixes (casts, subscripts, field selection, COLLATE).</summary>
    private static ColumnName? FigurePrimary(List<SqlLexeme> code, ref int i, int end)
    {
        var t = code[i];
        ColumnName name;
        if (t.Kind is SqlLexemeKind.Number or SqlLexemeKind.String || t.IsWord("NULL") || t.IsWord("TRUE") || t.IsWord("FALSE"))
        {
            i++;
            name = ColumnName.None;
        }
        else if (t.IsPunctuation('$') && i + 1 < end && code[i + 1].Kind == SqlLexemeKind.Number)
        {
            i += 2;
            name = ColumnName.None;
        }
        else if (t.IsPunctuation('(') || t.IsPunctuation('[') || t.IsPunctuation('{'))
        {
            var close = Matching(code, i);
            if (close >= end)
            {
                return null;
            }

            ColumnName? inner = t.IsPunctuation('(') ? Parenthesised(code, i + 1, close) : ColumnName.None;
            if (inner is null)
            {
                return null;
            }

            name = inner.Value;
            i = close + 1;
        }
        else if (t.Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
        {
            if (NamedWord(code, ref i, end) is not { } named)
            {
                return null;
            }

            name = named;
        }
        else
        {
            return null;
        }

        while (i < end)
        {
            if (code[i] is { Kind: SqlLexemeKind.Operator, Text: "::" })
            {
                if (!TryTypeName(code, i + 1, end, out var type, out i))
                {
                    return null;
                }

                name = name.CastTo(type);
            }
            else if (code[i].IsPunctuation('['))
            {
                i = Matching(code, i) + 1;
            }
            else if (code[i].IsPunctuation('.') && i + 1 < end && code[i + 1].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
            {
                name = new ColumnName(Identifier(code[i + 1]), 2);
                i += 2;
                if (i < end && code[i].IsPunctuation('('))
                {
                    i = Matching(code, i) + 1; // DuckDB's x.f() method call
                }
            }
            else if (code[i].IsWord("COLLATE") && i + 1 < end)
            {
                i += 2;
                while (i + 1 < end && code[i].IsPunctuation('.'))
                {
                    i += 2;
                }
            }
            else
            {
                break;
            }
        }

        return i <= end ? name : null;
    }

    /// <summary>An operand starting with a word: CASE, CAST, ARRAY, a typed literal, a function call or a column.</summary>
    private static ColumnName? NamedWord(List<SqlLexeme> code, ref int i, int end)
    {
        var t = code[i];
        var call = i + 1 < end && code[i + 1].IsPunctuation('(');
        if (t.Kind == SqlLexemeKind.Word)
        {
            if (t.IsWord("CASE"))
            {
                return Case(code, ref i, end);
            }

            if (call && (t.IsWord("CAST") || t.IsWord("TRY_CAST")))
            {
                return Cast(code, ref i, end);
            }

            if ((call || (i + 1 < end && code[i + 1].IsPunctuation('['))) && t.IsWord("ARRAY"))
            {
                i = Matching(code, i + 1) + 1;
                return new ColumnName("array", 2);
            }

            if (call && t.IsWord("TRIM"))
            {
                var option = code[Math.Min(i + 2, code.Count - 1)];
                i = Matching(code, i + 1) + 1;
                return new ColumnName(option.IsWord("LEADING") ? "ltrim" : option.IsWord("TRAILING") ? "rtrim" : "btrim", 2);
            }

            if (NotLabels.Contains(t.Text) && !(call && (t.IsWord("ANY") || t.IsWord("SOME") || t.IsWord("ALL"))))
            {
                return null;
            }

            // a typed literal: date '2024-01-02', timestamp with time zone '…', interval '1' day
            if (TryTypeName(code, i, end, out var type, out var after) && after < end && code[after].Kind == SqlLexemeKind.String)
            {
                i = after + 1;
                while (type == "interval" && i < end && (code[i].Kind == SqlLexemeKind.Word && IntervalFields.Contains(code[i].Text) || code[i].IsPunctuation('(')))
                {
                    i = code[i].IsPunctuation('(') ? Matching(code, i) + 1 : i + 1;
                }

                return new ColumnName(type, 1);
            }
        }

        // [schema.]name, [schema.]function(…) [FILTER (…)] [WITHIN GROUP (…)] [OVER …]
        var name = Identifier(code[i++]);
        while (i + 1 < end && code[i].IsPunctuation('.') && code[i + 1].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
        {
            name = Identifier(code[i + 1]);
            i += 2;
        }

        if (i < end && code[i].IsPunctuation('.'))
        {
            return null; // t.* (or something else): expands or is not understood
        }

        if (i >= end || !code[i].IsPunctuation('('))
        {
            return new ColumnName(name, 2);
        }

        if (code[i - 1].IsWord("COLUMNS"))
        {
            return null; // DuckDB's COLUMNS(…) expands to several columns
        }

        i = Matching(code, i) + 1;
        while (i + 1 < end)
        {
            if ((code[i].IsWord("FILTER") || code[i].IsWord("OVER")) && code[i + 1].IsPunctuation('('))
            {
                i = Matching(code, i + 1) + 1;
            }
            else if (code[i].IsWord("WITHIN") && code[i + 1].IsWord("GROUP") && i + 2 < end && code[i + 2].IsPunctuation('('))
            {
                i = Matching(code, i + 2) + 1;
            }
            else if (code[i].IsWord("OVER") && code[i + 1].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return new ColumnName(name, 2);
    }

    /// <summary>Inside ( … ): a scalar subquery (its first column's name), a row (a, b), or a parenthesised expression.</summary>
    private static ColumnName? Parenthesised(List<SqlLexeme> code, int from, int to)
    {
        if (from >= to)
        {
            return null;
        }

        if (code[from].IsWord("VALUES"))
        {
            return new ColumnName("column1", 2);
        }

        if (code[from].IsWord("SELECT") || code[from].IsWord("WITH") || code[from].IsWord("TABLE"))
        {
            var items = OutputList(code, from, to);
            if (items is not { Count: > 0 })
            {
                return ColumnName.Unknown;
            }

            var first = ItemName(code, items[0].Start, items[0].End, out _);
            return first.Strength < 0 ? ColumnName.Unknown : new ColumnName(first.Strength == 0 ? "?column?" : first.Name, 2);
        }

        var depth = 0;
        for (var j = from; j < to; j++)
        {
            depth += Nesting(code[j]);
            if (depth == 0 && code[j].IsPunctuation(','))
            {
                return new ColumnName("row", 2);
            }
        }

        var i = from;
        var name = FigureExpression(code, ref i, to);
        return i == to ? name : null;
    }

    /// <summary>CASE … [ELSE e] END: e's name when it has one, else "case".</summary>
    private static ColumnName? Case(List<SqlLexeme> code, ref int i, int end)
    {
        int level = 0, depth = 0, elseAt = -1, endAt = -1;
        for (var j = i; j < end && endAt < 0; j++)
        {
            depth += Nesting(code[j]);
            if (depth != 0)
            {
                continue;
            }

            if (code[j].IsWord("CASE"))
            {
                level++;
            }
            else if (code[j].IsWord("END") && --level == 0)
            {
                endAt = j;
            }
            else if (code[j].IsWord("ELSE") && level == 1)
            {
                elseAt = j;
            }
        }

        if (endAt < 0)
        {
            return null;
        }

        i = endAt + 1;
        if (elseAt < 0)
        {
            return new ColumnName("case", 1);
        }

        var k = elseAt + 1;
        if (FigureExpression(code, ref k, endAt) is not { } otherwise || k != endAt)
        {
            return null;
        }

        return otherwise.Strength is 2 or -1 ? otherwise : new ColumnName("case", 1);
    }

    /// <summary>CAST(x AS type): x's name, else the type's.</summary>
    private static ColumnName? Cast(List<SqlLexeme> code, ref int i, int end)
    {
        var close = Matching(code, i + 1);
        var k = i + 2;
        if (close >= end || FigureExpression(code, ref k, close) is not { } operand || k >= close || !code[k].IsWord("AS")
            || !TryTypeName(code, k + 1, close, out var type, out var after) || after != close)
        {
            return null;
        }

        i = close + 1;
        return operand.CastTo(type);
    }

    /// <summary>
    /// Reads a type name at code[i] (<c>double precision</c>, <c>numeric(5,2)</c>, <c>timestamp with time zone</c>,
    /// <c>pg_catalog.text[]</c>, …) and gives the name pg_type spells it with; <paramref name="after"/> is past it.
    /// </summary>
    private static bool TryTypeName(List<SqlLexeme> code, int i, int end, out string type, out int after)
    {
        type = "";
        after = i;
        if (i + 2 < end && code[i].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier && code[i + 1].IsPunctuation('.'))
        {
            i += 2;
        }

        if (i >= end || code[i].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
            || (code[i].Kind == SqlLexemeKind.Word && NotLabels.Contains(code[i].Text)))
        {
            return false;
        }

        var word = code[i++];
        type = word.Kind == SqlLexemeKind.Word && TypeKeywords.TryGetValue(word.Text, out var known) ? known : Identifier(word);
        if (word.IsWord("national") && i < end && (code[i].IsWord("character") || code[i].IsWord("char")))
        {
            i++;
            type = "bpchar";
        }

        if (word.IsWord("double") && i < end && code[i].IsWord("precision"))
        {
            i++;
            type = "float8";
        }
        else if (type is "bpchar" or "bit" && i < end && code[i].IsWord("varying"))
        {
            i++;
            type = type == "bit" ? "varbit" : "varchar";
        }

        if (i < end && code[i].IsPunctuation('('))
        {
            if (word.IsWord("float") && i + 1 < end && int.TryParse(code[i + 1].Text, out var bits) && bits <= 24)
            {
                type = "float4";
            }

            i = Matching(code, i) + 1;
        }

        if (type is "time" or "timestamp" && i + 2 < end && (code[i].IsWord("with") || code[i].IsWord("without"))
            && code[i + 1].IsWord("time") && code[i + 2].IsWord("zone"))
        {
            type += code[i].IsWord("with") ? "tz" : "";
            i += 3;
        }

        while (type == "interval" && i < end && code[i].Kind == SqlLexemeKind.Word && IntervalFields.Contains(code[i].Text))
        {
            i++;
        }

        while (i < end && (code[i].IsPunctuation('[') || code[i].IsWord("ARRAY")))
        {
            i = code[i].IsPunctuation('[') ? Matching(code, i) + 1 : i + 1;
        }

        after = i;
        return i <= end;
    }
}

using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    // Words that end a select list at its own depth.
    private static readonly HashSet<string> SelectListEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "INTO", "WHERE", "GROUP", "HAVING", "WINDOW", "QUALIFY", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR",
        "UNION", "INTERSECT", "EXCEPT", "RETURNING",
    };

    /// <summary>
    /// The column names PostgreSQL gives the outermost select list (or an INSERT/UPDATE/DELETE's RETURNING list) of
    /// <paramref name="tokens"/>, one per item: the name to append as an alias, or null for an item left alone (it
    /// has an alias, it is <c>*</c>, or its syntax is not understood). Null when the statement has no such list.
    /// </summary>
    private static List<string?>? ColumnAliases(List<SqlLexeme> tokens)
    {
        var code = tokens.Where(t => !t.IsTrivia).ToList();
        var items = OutputList(code, 0, code.Count);
        if (items is null)
        {
            return null;
        }

        var aliases = new List<string?>(items.Count);
        foreach (var (start, end) in items)
        {
            var name = ItemName(code, start, end, out var aliased);
            var alias = aliased || name.Strength < 0 ? null : name.Strength == 0 ? "?column?" : name.Name;
            aliases.Add(alias is null || IsColumnReference(code, start, end) || NamesValueKeyword(code, start, end, alias) ? null : alias);
        }

        return aliases;
    }

    /// <summary>
    /// SQL value keywords: DuckDB binds <c>current_user</c> as a column first, so an alias of the same name makes it
    /// a reference to itself (an error); it names them as written already.
    /// </summary>
    private static readonly HashSet<string> ValueKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
        "current_role", "session_user", "user", "current_schema", "current_catalog",
    };

    // a, t.a, "s"."t"."A": DuckDB already names the column as its table does, which is PostgreSQL's name
    private static bool IsColumnReference(List<SqlLexeme> code, int start, int end)
    {
        for (var k = start; k <= end; k++)
        {
            var name = (k - start) % 2 == 0;
            if (name ? code[k].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
                       || code[k].IsWord("NULL") || code[k].IsWord("TRUE") || code[k].IsWord("FALSE")
                : !code[k].IsPunctuation('.'))
            {
                return false;
            }
        }

        return (end - start) % 2 == 0;
    }

    private static bool NamesValueKeyword(List<SqlLexeme> code, int start, int end, string alias)
    {
        for (var k = start; k <= end; k++)
        {
            if (code[k].IsWord(alias) && ValueKeywords.Contains(alias) && !(k < end && code[k + 1].IsPunctuation('(')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where to append each alias of <paramref name="aliases"/> in <paramref name="output"/> (the rewritten tokens,
    /// whose select list has as many items as the original's): token index → alias text.
    /// </summary>
    private static Dictionary<int, string> ColumnAliasPlaces(List<SqlLexeme> output, List<string?>? aliases)
    {
        var places = new Dictionary<int, string>();
        if (aliases is null || aliases.All(a => a is null))
        {
            return places;
        }

        var at = new List<int>();
        for (var i = 0; i < output.Count; i++)
        {
            if (!output[i].IsTrivia)
            {
                at.Add(i);
            }
        }

        var code = at.Select(i => output[i]).ToList();
        var items = OutputList(code, 0, code.Count);
        if (items is null || items.Count != aliases.Count)
        {
            return places;
        }

        for (var k = 0; k < items.Count; k++)
        {
            if (aliases[k] is { } alias)
            {
                places[at[items[k].End]] = " AS \"" + alias.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            }
        }

        return places;
    }

    /// <summary>
    /// The items (first and last code index, inclusive) of the list whose names a client sees: the outermost
    /// SELECT's (the first branch of UNION/INTERSECT/EXCEPT, after a WITH), or RETURNING's. Null when none.
    /// </summary>
    private static List<(int Start, int End)>? OutputList(List<SqlLexeme> code, int from, int to)
    {
        var i = from;
        while (i < to && code[i].IsPunctuation('('))
        {
            i++;
        }

        if (i < to && code[i].IsWord("WITH"))
        {
            // the CTE bodies are parenthesised: the statement goes on at the first SELECT/DML word at this depth
            var depth = 0;
            for (i++; i < to; i++)
            {
                depth += Nesting(code[i]);
                if (depth == 0 && code[i].Kind == SqlLexemeKind.Word
                    && (code[i].IsWord("SELECT") || IsDml(code[i])))
                {
                    break;
                }
            }
        }

        if (i >= to)
        {
            return null;
        }

        if (code[i].IsWord("SELECT"))
        {
            i++;
            if (i < to && code[i].IsWord("ALL"))
            {
                i++;
            }
            else if (i < to && code[i].IsWord("DISTINCT"))
            {
                i++;
                if (i + 1 < to && code[i].IsWord("ON") && code[i + 1].IsPunctuation('('))
                {
                    i = Matching(code, i + 1) + 1;
                }
            }

            return ListItems(code, i, to, stopAtClause: true);
        }

        if (!IsDml(code[i]))
        {
            return null;
        }

        var level = 0;
        for (; i < to; i++)
        {
            level += Nesting(code[i]);
            if (level == 0 && code[i].IsWord("RETURNING"))
            {
                return ListItems(code, i + 1, to, stopAtClause: false);
            }
        }

        return null;
    }

    private static bool IsDml(SqlLexeme t) => t.IsWord("INSERT") || t.IsWord("UPDATE") || t.IsWord("DELETE");

    /// <summary>Comma-separated items from <paramref name="i"/> to the end of the list; null if one is empty.</summary>
    private static List<(int Start, int End)>? ListItems(List<SqlLexeme> code, int i, int to, bool stopAtClause)
    {
        var items = new List<(int, int)>();
        var start = i;
        var depth = 0;
        for (; i < to; i++)
        {
            var t = code[i];
            if (depth == 0 && (t.IsPunctuation(';') || t.IsPunctuation(')')
                               || (stopAtClause && t.Kind == SqlLexemeKind.Word && SelectListEnds.Contains(t.Text)
                                   && !PartOfExpression(code, i))))
            {
                break;
            }

            depth += Nesting(t);
            if (depth == 0 && t.IsPunctuation(','))
            {
                if (i == start)
                {
                    return null;
                }

                items.Add((start, i - 1));
                start = i + 1;
            }
        }

        if (i == start)
        {
            return items.Count == 0 ? items : null;
        }

        items.Add((start, i - 1));
        return items;
    }

    // IS [NOT] DISTINCT FROM and WITHIN GROUP are operators, not clauses.
    private static bool PartOfExpression(List<SqlLexeme> code, int i) =>
        i > 0 && ((code[i].IsWord("FROM") && code[i - 1].IsWord("DISTINCT"))
                  || (code[i].IsWord("GROUP") && code[i - 1].IsWord("WITHIN")));

    private static int Nesting(SqlLexeme t) =>
        t.Kind != SqlLexemeKind.Punctuation ? 0
        : t.Text is "(" or "[" or "{" ? 1
        : t.Text is ")" or "]" or "}" ? -1
        : 0;

    /// <summary>Index of the bracket closing the one at <paramref name="open"/> (the last index when unclosed).</summary>
    private static int Matching(List<SqlLexeme> code, int open)
    {
        var depth = 0;
        for (var j = open; j < code.Count; j++)
        {
            depth += Nesting(code[j]);
            if (depth == 0)
            {
                return j;
            }
        }

        return code.Count - 1;
    }

    /// <summary>
    /// The name of one list item: its alias (<paramref name="aliased"/>), else FigureColname's name for its expression.
    /// Strength -1 when the item is <c>*</c> or not understood.
    /// </summary>
    private static ColumnName ItemName(List<SqlLexeme> code, int start, int end, out bool aliased)
    {
        aliased = false;
        var last = end + 1;
        if (code[start] is { Kind: SqlLexemeKind.Operator, Text: "*" })
        {
            return ColumnName.Unknown;
        }

        var i = start;
        if (FigureExpression(code, ref i, last) is not { } name)
        {
            return ColumnName.Unknown;
        }

        if (name.Strength < 0 || i == last)
        {
            return name;
        }

        if (code[i].IsWord("AS") && i + 2 == last)
        {
            i++;
        }
        else if (i + 1 != last || (code[i].Kind == SqlLexemeKind.Word && NotLabels.Contains(code[i].Text)))
        {
            return ColumnName.Unknown;
        }

        aliased = true;
        return code[i].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier
            ? new ColumnName(Identifier(code[i]), 2)
            : ColumnName.Unknown;
    }

    /// <summary>An identifier as PostgreSQL stores it: bare words folded to lower case, quoted ones as written.</summary>
    private static string Identifier(SqlLexeme t) =>
        t.Kind == SqlLexemeKind.QuotedIdentifier
            ? t.Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : string.Create(t.Text.Length, t.Text, static (span, text) =>
            {
                for (var k = 0; k < text.Length; k++)
                {
                    span[k] = char.IsAsciiLetterUpper(text[k]) ? (char)(text[k] + 32) : text[k];
                }
            });
}

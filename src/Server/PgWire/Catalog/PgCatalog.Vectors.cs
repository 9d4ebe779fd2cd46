using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>
    /// Catalog columns of PostgreSQL's int2vector/oidvector types, which the emulated catalog holds as DuckDB lists.
    /// Their text form is space-separated ("1 3"), not an array literal: SQLAlchemy splits <c>ix.indkey::varchar</c>.
    /// </summary>
    private static readonly HashSet<string> VectorColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "indkey", "indoption", "indclass", "indcollation", "proargtypes",
    };

    private static readonly HashSet<string> TextTypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "varchar", "text",
    };

    /// <summary>
    /// <c>ix.indkey::varchar</c> → <c>array_to_string(ix.indkey, ' ')</c>, when the operand is a vector column.
    /// Returns false (nothing written) for any other cast.
    /// </summary>
    private static bool TryRewriteVectorText(List<SqlLexeme> tokens, int typeStart, List<SqlLexeme> output, out int castEnd)
    {
        castEnd = -1;
        var operandStart = OperandStart(output);
        if (operandStart < 0 || !TextTypeNames.Contains(tokens[typeStart].Text)
            || !VectorColumns.Contains(output[^1].Text) || output[^1].Kind != SqlLexemeKind.Word)
        {
            return false;
        }

        var operand = output.GetRange(operandStart, output.Count - operandStart);
        output.RemoveRange(operandStart, output.Count - operandStart);
        output.Add(new SqlLexeme(SqlLexemeKind.Word, "array_to_string"));
        output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, "("));
        output.AddRange(operand);
        output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, ","));
        output.Add(new SqlLexeme(SqlLexemeKind.String, "' '"));
        output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, ")"));
        castEnd = typeStart;
        return true;
    }

    /// <summary>
    /// In a join's ON condition, <c>a.attnum = ANY(ix.indkey)</c> → <c>list_contains(ix.indkey, a.attnum)</c>.
    /// DuckDB binds <c>= ANY(list)</c> as a subquery, which it refuses in an outer join's condition ("Cannot perform
    /// non-inner join on subquery"); SQLAlchemy's index reflection joins pg_attribute that way. Only a name on the
    /// left and a non-subquery argument are rewritten. Returns the index of the last token consumed, or -1.
    /// </summary>
    private int TryRewriteAnyInJoin(List<SqlLexeme> tokens, int at, List<SqlLexeme> output)
    {
        var open = NextCode(tokens, at + 1);
        var equals = LastCode(output);
        if (open < 0 || tokens[open].Text != "(" || equals < 0 || output[equals] is not { Kind: SqlLexemeKind.Operator, Text: "=" })
        {
            return -1;
        }

        var first = NextCode(tokens, open + 1);
        if (first < 0 || tokens[first].IsWord("SELECT") || tokens[first].IsWord("WITH") || tokens[first].IsWord("VALUES"))
        {
            return -1;
        }

        var beforeEquals = output.GetRange(0, equals);
        while (beforeEquals.Count > 0 && beforeEquals[^1].IsTrivia)
        {
            beforeEquals.RemoveAt(beforeEquals.Count - 1);
        }

        var operandStart = OperandStart(beforeEquals);
        if (operandStart < 0 || beforeEquals[^1].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
            || !InOnClause(beforeEquals, operandStart))
        {
            return -1;
        }

        var close = MatchingParen(tokens, open);
        var inner = string.Concat(tokens.GetRange(open + 1, close - open - 1).Select(t => t.Text));
        var operand = beforeEquals.GetRange(operandStart, beforeEquals.Count - operandStart);
        output.RemoveRange(operandStart, output.Count - operandStart);
        output.Add(new SqlLexeme(SqlLexemeKind.Word, "list_contains"));
        output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, "("));
        output.Add(new SqlLexeme(SqlLexemeKind.Word, Rewrite(inner)));
        output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, ","));
        output.AddRange(operand);
        output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, ")"));
        return close;
    }

    /// <summary>
    /// Whether the nearest clause keyword before <paramref name="at"/>, at the same nesting depth, is ON; the
    /// parenthesis of <c>ON (a = b AND …)</c> opens the condition itself, so the search goes through it.
    /// </summary>
    private static bool InOnClause(List<SqlLexeme> tokens, int at) =>
        NearestClause(tokens, at, throughParens: true, NoWords) is >= 0 and var j && tokens[j].IsWord("ON");

    private static readonly HashSet<string> NoWords = [];
}

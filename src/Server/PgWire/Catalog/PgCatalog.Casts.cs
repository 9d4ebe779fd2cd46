using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Sql;

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
        ["\"char\""] = PgTextTypes.Char,
        // DuckDB reads oid as BIGINT; PostgreSQL's oid is 4 bytes unsigned, which UINTEGER is (PgType.From)
        ["oid"] = "UINTEGER",
        // information_schema's domains, as their base types
        ["sql_identifier"] = PgTextTypes.Name,
        ["character_data"] = PgTextTypes.Varchar,
        ["yes_or_no"] = $"\"{PgTextTypes.VarcharOf(3)}\"",
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

    private static bool TryRewriteCast(List<SqlLexeme> tokens, int typeStart, List<SqlLexeme> output, out int castEnd)
    {
        castEnd = -1;
        var typeIndex = typeStart;
        if ((tokens[typeIndex].IsName("pg_catalog") || tokens[typeIndex].IsName("information_schema"))
            && IsDot(tokens, NextCode(tokens, typeIndex + 1)))
        {
            typeIndex = NextCode(tokens, NextCode(tokens, typeIndex + 1) + 1);
        }

        if (typeIndex < 0 || tokens[typeIndex].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier))
        {
            return false;
        }

        var type = tokens[typeIndex].Text;
        if (CastTypes.TryGetValue(type, out var replacement))
        {
            output.Add(new SqlLexeme(SqlLexemeKind.Operator, "::"));
            output.Add(new SqlLexeme(SqlLexemeKind.Word, replacement));
            castEnd = typeIndex;
            return true;
        }

        if (!RegTypes.Contains(type))
        {
            if (typeIndex != typeStart)
            {
                // ::pg_catalog.text → ::text
                output.Add(new SqlLexeme(SqlLexemeKind.Operator, "::"));
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
        var literal = (operand.Count == 1 && operand[0].Kind == SqlLexemeKind.String)
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
            output.Add(new SqlLexeme(SqlLexemeKind.Word, $"deepsql_{kind}_{(literal ? "in" : "out")}"));
            output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, "("));
            output.AddRange(operand);
            output.Add(new SqlLexeme(SqlLexemeKind.Punctuation, ")"));
        }

        castEnd = typeIndex;
        return true;
    }

    /// <summary>Start of the primary expression that ends the output: a literal, a (qualified) name, a call, or (…).</summary>
    private static int OperandStart(List<SqlLexeme> output)
    {
        var j = output.Count - 1;
        if (j < 0 || output[j].IsTrivia)
        {
            return -1;
        }

        if (output[j].Kind is SqlLexemeKind.String or SqlLexemeKind.Number)
        {
            // $1: a parameter is one operand
            return j > 0 && output[j].Kind == SqlLexemeKind.Number && output[j - 1].Text == "$" ? j - 1 : j;
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

            if (output[j - 1].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier))
            {
                return j;
            }

            j--;
        }

        if (output[j].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier))
        {
            return -1;
        }

        while (j >= 2 && output[j - 1].Text == "." && output[j - 2].Kind is SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier)
        {
            j -= 2;
        }

        return j;
    }
}

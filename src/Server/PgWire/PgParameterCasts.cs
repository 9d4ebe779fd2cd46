using System.Text;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire;

/// <summary>
/// Rewrites $n placeholders as CAST($n AS type) so that the engine can describe a statement whose parameter types
/// came with Parse: DuckDB answers a placeholder column "unknown" for a statement with untyped parameters.
/// </summary>
internal static class PgParameterCasts
{
    /// <summary>The statement with each typed placeholder cast; null when no placeholder has a usable type.</summary>
    public static string? Apply(string sql, IReadOnlyList<SqlType> types)
    {
        var names = types.Select(EngineTypeName).ToArray();
        if (names.All(n => n is null))
        {
            return null;
        }

        var tokens = PgSqlTokens.Tokenize(sql);
        var sb = new StringBuilder(sql.Length + 32);
        var copied = 0;
        for (var t = 0; t + 1 < tokens.Count; t++)
        {
            // "$" then digits, adjacent: a placeholder (identifiers with '$' are lexed as one word).
            var dollar = tokens[t];
            var number = tokens[t + 1];
            if (dollar.Quoted || dollar.Text != "$" || !number.IsNumber || number.End - number.Text.Length != dollar.End
                || !int.TryParse(number.Text, out var n) || n < 1 || n > names.Length || names[n - 1] is not { } name)
            {
                continue;
            }

            var start = dollar.End - 1;
            sb.Append(sql, copied, start - copied).Append("CAST($").Append(n).Append(" AS ").Append(name).Append(')');
            copied = number.End;
            t++;
        }

        return copied == 0 ? null : sb.Append(sql, copied, sql.Length - copied).ToString();
    }

    private static string? EngineTypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Unknown or SqlTypeKind.Struct or SqlTypeKind.Null => null,
        // DuckDB reads INT8 as BIGINT; the engine's Int8 is one byte.
        SqlTypeKind.Int8 => "TINYINT",
        SqlTypeKind.UInt8 => "UTINYINT",
        SqlTypeKind.UInt16 => "USMALLINT",
        SqlTypeKind.UInt32 => "UINTEGER",
        SqlTypeKind.UInt64 => "UBIGINT",
        SqlTypeKind.List => type.Element is { } e && EngineTypeName(e) is { } inner ? inner + "[]" : null,
        SqlTypeKind.Decimal when type.Precision == 0 => "DECIMAL(38,10)",
        _ => type.ToString(),
    };
}

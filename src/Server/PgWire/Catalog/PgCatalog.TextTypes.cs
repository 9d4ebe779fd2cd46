using System.Globalization;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>
    /// <c>varchar(n)</c> and <c>character varying(n)</c> → the named text type <c>"varchar(n)"</c>, registered with the
    /// engine the first time a length is seen, so that a cast or a column keeps its length (DuckDB's VARCHAR has none)
    /// and answers as PostgreSQL's varchar with type modifier n + 4. <c>CAST(x AS "char")</c> → <c>pg_char</c>;
    /// <c>CAST(x AS oid)</c> → UINTEGER (DuckDB reads oid as BIGINT). A bytea literal in PostgreSQL's hex format
    /// (<c>'\x00ff10'::bytea</c>, <c>CAST('\x00ff10' AS bytea)</c>) → DuckDB's per-byte escapes (<c>'\x00\xFF\x10'</c>):
    /// DuckDB's BLOB cast reads only the first \x.. as a byte and the rest as text.
    /// A length outside 1..10485760 is left for the engine (which ignores it). Works in place.
    /// </summary>
    private List<SqlLexeme> RewriteTextTypes(List<SqlLexeme> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if ((t.Kind == SqlLexemeKind.QuotedIdentifier && t.Text == "\"char\"") || t.IsWord("oid"))
            {
                // CAST(x AS "char") and CAST(x AS oid); :: casts are rewritten with the other casts
                var before = PreviousCode(tokens, i - 1);
                var after = NextCode(tokens, i + 1);
                if (before >= 0 && tokens[before].IsWord("AS") && after >= 0 && tokens[after].IsPunctuation(')')
                    && ClosesCast(tokens, after))
                {
                    tokens[i] = new SqlLexeme(SqlLexemeKind.Word, t.IsWord("oid") ? "UINTEGER" : PgTextTypes.Char);
                }

                continue;
            }

            if (t.Kind == SqlLexemeKind.String && IsByteaCastOperand(tokens, i) && TryByteaHexLiteral(t.Text, out var escaped))
            {
                tokens[i] = new SqlLexeme(SqlLexemeKind.String, escaped);
                continue;
            }

            var nameEnd = t.IsWord("varchar") ? i
                : t.IsWord("character") && NextCode(tokens, i + 1) is var v and >= 0 && tokens[v].IsWord("varying") ? v
                : -1;
            if (nameEnd < 0)
            {
                continue;
            }

            var open = NextCode(tokens, nameEnd + 1);
            var number = open >= 0 && tokens[open].IsPunctuation('(') ? NextCode(tokens, open + 1) : -1;
            var close = number >= 0 && tokens[number].Kind == SqlLexemeKind.Number ? NextCode(tokens, number + 1) : -1;
            if (close < 0 || !tokens[close].IsPunctuation(')')
                || !int.TryParse(tokens[number].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length < 1 || length > PgTextTypes.MaxVarcharLength)
            {
                continue;
            }

            var type = PgTextTypes.VarcharOf(length);
            _engine.RegisterTextType(type);
            tokens.RemoveRange(i, close - i + 1);
            tokens.Insert(i, new SqlLexeme(SqlLexemeKind.QuotedIdentifier, $"\"{type}\""));
        }

        return tokens;
    }

    /// <summary>
    /// Registers the varchar(n) types that columns of the database already have (created before this process
    /// started), so that functions taking text bind to them again, from either front end.
    /// </summary>
    private void RegisterDeclaredVarchars()
    {
        using var session = _engine.OpenSession(new SessionContext { SessionId = 0, User = "system" });
        using var result = session.Execute("SELECT DISTINCT regexp_replace(data_type, '(\\[\\d*\\])+$', '') FROM duckdb_columns() WHERE data_type LIKE 'varchar(%'");
        while (result.TryReadBatch(1024, out var batch))
        {
            foreach (var row in batch.Rows)
            {
                if (row[0] is string name && PgTextTypes.TryResolve(name, out _, out _))
                {
                    _engine.RegisterTextType(name);
                }
            }
        }
    }

    private static int PreviousCode(List<SqlLexeme> tokens, int from)
    {
        for (var i = from; i >= 0; i--)
        {
            if (!tokens[i].IsTrivia)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether the ) at <paramref name="close"/> ends a CAST( … ) (not a subquery's column alias).</summary>
    private static bool ClosesCast(List<SqlLexeme> tokens, int close)
    {
        var depth = 0;
        for (var i = close; i >= 0; i--)
        {
            if (tokens[i].IsPunctuation(')'))
            {
                depth++;
            }
            else if (tokens[i].IsPunctuation('(') && --depth == 0)
            {
                var name = PreviousCode(tokens, i - 1);
                return name >= 0 && (tokens[name].IsWord("CAST") || tokens[name].IsWord("TRY_CAST"));
            }
        }

        return false;
    }

    /// <summary>Whether the string at <paramref name="i"/> is cast to bytea: <c>'…'::bytea</c> or <c>CAST('…' AS bytea)</c>.</summary>
    private static bool IsByteaCastOperand(List<SqlLexeme> tokens, int i)
    {
        var next = NextCode(tokens, i + 1);
        var type = next >= 0 && (tokens[next].Text == "::" || tokens[next].IsWord("AS")) ? NextCode(tokens, next + 1) : -1;
        if (type >= 0 && tokens[type].IsName("pg_catalog") && IsDot(tokens, NextCode(tokens, type + 1)))
        {
            type = NextCode(tokens, NextCode(tokens, type + 1) + 1);
        }

        if (type < 0 || !tokens[type].IsName("bytea"))
        {
            return false;
        }

        if (tokens[next].Text == "::")
        {
            return true;
        }

        var close = NextCode(tokens, type + 1);
        return close >= 0 && tokens[close].IsPunctuation(')') && ClosesCast(tokens, close);
    }

    /// <summary><c>'\x&lt;hex digits&gt;'</c> (an even number) → <c>'\x00\xFF…'</c>; false for any other literal.</summary>
    private static bool TryByteaHexLiteral(string literal, out string escaped)
    {
        escaped = literal;
        if (literal.Length < 4 || !literal.StartsWith("'\\x", StringComparison.OrdinalIgnoreCase) || literal[^1] != '\''
            || (literal.Length - 4) % 2 != 0 || !literal.AsSpan(3, literal.Length - 4).ToString().All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var hex = literal.AsSpan(3, literal.Length - 4);
        var builder = new System.Text.StringBuilder(2 + (hex.Length * 2));
        builder.Append('\'');
        for (var k = 0; k < hex.Length; k += 2)
        {
            builder.Append("\\x").Append(char.ToUpperInvariant(hex[k])).Append(char.ToUpperInvariant(hex[k + 1]));
        }

        escaped = builder.Append('\'').ToString();
        return true;
    }
}

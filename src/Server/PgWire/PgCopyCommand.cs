using DeepSql.Udf.Engines;
using System.Text;

namespace DeepSql.Server.PgWire;

/// <summary>
/// COPY (query) TO STDOUT, or COPY table [(columns)] TO STDOUT (psql's \copy … to stdout), which the wire layer
/// answers itself: the engine runs the query and the connection streams it as CopyData. COPY … TO a file, or FROM,
/// is not this command and goes to the engine (which refuses writes).
/// </summary>
/// <param name="Query">The SELECT whose rows are copied.</param>
internal sealed record PgCopyCommand(string Query, bool Csv, bool Header, char Delimiter, string Null, char Quote, char Escape)
{
    /// <summary>The COPY … TO STDOUT command, or null for any other statement. Unsupported options throw 0A000/42601.</summary>
    public static PgCopyCommand? TryParse(string sql)
    {
        var tokens = PgSqlTokens.Tokenize(sql);
        if (tokens.Count < 4 || tokens[0].Upper != "COPY")
        {
            return null;
        }

        string query;
        int next;
        if (IsSymbol(tokens[1], "("))
        {
            var close = MatchingParen(tokens, 1);
            if (close < 0)
            {
                return null;
            }

            query = sql[tokens[1].End..(tokens[close].End - 1)];
            next = close + 1;
        }
        else
        {
            // [schema.]table [(columns)]: the raw text of the name keeps its quoting
            next = 1;
            while (next < tokens.Count && !IsSymbol(tokens[next], "(") && tokens[next].Upper is not ("TO" or "FROM"))
            {
                next++;
            }

            var table = sql[tokens[0].End..tokens[next - 1].End].Trim();
            var columns = "*";
            if (next < tokens.Count && IsSymbol(tokens[next], "("))
            {
                var close = MatchingParen(tokens, next);
                if (close < 0)
                {
                    return null;
                }

                columns = sql[tokens[next].End..(tokens[close].End - 1)];
                next = close + 1;
            }

            query = $"SELECT {columns} FROM {table}";
        }

        if (next + 1 >= tokens.Count || tokens[next].Upper != "TO" || tokens[next + 1].Quoted || tokens[next + 1].Upper != "STDOUT")
        {
            return null;
        }

        return WithOptions(query, tokens, next + 2);
    }

    private static PgCopyCommand WithOptions(string query, IReadOnlyList<PgSqlToken> tokens, int i)
    {
        var options = new List<(string Name, string? Value)>();
        if (i < tokens.Count && tokens[i].Upper == "WITH")
        {
            i++;
        }

        if (i < tokens.Count && IsSymbol(tokens[i], "("))
        {
            // ( name [value] [, …] )
            i++;
            while (i < tokens.Count && !IsSymbol(tokens[i], ")"))
            {
                var name = tokens[i++].Upper;
                string? value = null;
                if (i < tokens.Count && !IsSymbol(tokens[i], ",") && !IsSymbol(tokens[i], ")"))
                {
                    value = tokens[i++].Text;
                }

                options.Add((name, value));
                if (i < tokens.Count && IsSymbol(tokens[i], ","))
                {
                    i++;
                }
            }

            i++;
        }
        else
        {
            // the pre-9.0 form: BINARY, CSV, HEADER, DELIMITER [AS] 'c', NULL [AS] 's', QUOTE [AS] 'q', ESCAPE [AS] 'e'
            while (i < tokens.Count && !IsSymbol(tokens[i], ";"))
            {
                var word = tokens[i++].Upper;
                if (word is "BINARY" or "CSV")
                {
                    options.Add(("FORMAT", word));
                    continue;
                }

                if (word == "HEADER")
                {
                    options.Add((word, null));
                    continue;
                }

                if (i < tokens.Count && tokens[i].Upper == "AS" && !tokens[i].Quoted)
                {
                    i++;
                }

                options.Add((word, i < tokens.Count ? tokens[i++].Text : null));
            }
        }

        while (i < tokens.Count && IsSymbol(tokens[i], ";"))
        {
            i++;
        }

        if (i < tokens.Count)
        {
            throw new PgException(SqlStates.SyntaxError, $"syntax error at or near \"{tokens[i].Text}\"");
        }

        return Build(query, options);
    }

    private static PgCopyCommand Build(string query, List<(string Name, string? Value)> options)
    {
        var csv = false;
        var header = false;
        char? delimiter = null;
        string? nullText = null;
        char? quote = null;
        char? escape = null;
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "FORMAT":
                    csv = (value ?? "").ToUpperInvariant() switch
                    {
                        "CSV" => true,
                        "TEXT" => false,
                        "BINARY" => throw new PgException(SqlStates.FeatureNotSupported, "COPY BINARY is not supported"),
                        _ => throw new PgException(SqlStates.InvalidParameterValue, $"COPY format \"{value}\" not recognized"),
                    };
                    break;
                case "HEADER":
                    header = (value ?? "true").ToUpperInvariant() switch
                    {
                        "TRUE" or "ON" or "1" => true,
                        "FALSE" or "OFF" or "0" => false,
                        _ => throw new PgException(SqlStates.InvalidParameterValue, $"header requires a Boolean value"),
                    };
                    break;
                case "DELIMITER":
                    delimiter = OneChar(name, value);
                    break;
                case "QUOTE":
                    quote = OneChar(name, value);
                    break;
                case "ESCAPE":
                    escape = OneChar(name, value);
                    break;
                case "NULL":
                    nullText = value ?? throw new PgException(SqlStates.SyntaxError, "NULL needs a string");
                    break;
                case "ENCODING" when (value ?? "").Replace("-", "", StringComparison.Ordinal).Equals("UTF8", StringComparison.OrdinalIgnoreCase):
                    break;
                default:
                    throw new PgException(SqlStates.FeatureNotSupported, $"COPY option \"{name.ToLowerInvariant()}\" is not supported");
            }
        }

        if (!csv && (quote is not null || escape is not null))
        {
            throw new PgException(SqlStates.FeatureNotSupported, "COPY quote and escape are available only in CSV mode");
        }

        var q = quote ?? '"';
        return new PgCopyCommand(query, csv, header, delimiter ?? (csv ? ',' : '\t'), nullText ?? (csv ? "" : "\\N"), q, escape ?? q);
    }

    private static char OneChar(string name, string? value) =>
        value is { Length: 1 } ? value[0]
            : throw new PgException(SqlStates.FeatureNotSupported, $"COPY {name.ToLowerInvariant()} must be a single one-byte character");

    /// <summary>One row as a COPY line (with its newline); values already in text form, null for SQL NULL.</summary>
    public void AppendLine(StringBuilder sb, IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(Delimiter);
            }

            var value = values[i];
            if (value is null)
            {
                sb.Append(Null);
            }
            else if (Csv)
            {
                AppendCsv(sb, value);
            }
            else
            {
                AppendText(sb, value);
            }
        }

        sb.Append('\n');
    }

    private void AppendText(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\n' => sb.Append(@"\n"),
                '\r' => sb.Append(@"\r"),
                '\t' => sb.Append(@"\t"),
                '\b' => sb.Append(@"\b"),
                '\f' => sb.Append(@"\f"),
                '\v' => sb.Append(@"\v"),
                _ when c == Delimiter => sb.Append('\\').Append(c),
                _ => sb.Append(c),
            };
        }
    }

    private void AppendCsv(StringBuilder sb, string value)
    {
        // Quoted when it could be misread: the delimiter, a quote, a line break, the NULL spelling, or a lone \.
        var quoted = value == Null || value == "\\." || value.Contains(Delimiter) || value.Contains(Quote)
            || value.Contains('\n') || value.Contains('\r');
        if (!quoted)
        {
            sb.Append(value);
            return;
        }

        sb.Append(Quote);
        foreach (var c in value)
        {
            if (c == Quote || c == Escape)
            {
                sb.Append(Escape);
            }

            sb.Append(c);
        }

        sb.Append(Quote);
    }

    private static bool IsSymbol(PgSqlToken token, string symbol) => !token.Quoted && token.Text == symbol;

    private static int MatchingParen(IReadOnlyList<PgSqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (IsSymbol(tokens[i], "("))
            {
                depth++;
            }
            else if (IsSymbol(tokens[i], ")") && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}

namespace DeepSql.Server.PgWire;

/// <summary>Statements the wire layer answers itself (PostgreSQL session and transaction commands).</summary>
internal enum PgCommandKind
{
    Set,
    Reset,
    Show,
    Begin,
    Commit,
    Rollback,
    Discard,
    Deallocate,
    Declare,
    Fetch,
    Move,
    CloseCursor,
    Listen,
    Unlisten,
    SetConfig,
    Unsupported,
}

/// <param name="Name">Parameter, cursor or prepared-statement name; "ALL" for the ALL forms.</param>
/// <param name="Value">SET value (null = DEFAULT).</param>
/// <param name="Count">FETCH/MOVE row count; long.MaxValue for ALL.</param>
/// <param name="Query">DECLARE … FOR query.</param>
/// <param name="Column">set_config: the result column's name.</param>
internal sealed record PgSessionCommand(PgCommandKind Kind, string Tag, string? Name = null, string? Value = null,
    long Count = 1, string? Query = null, bool Hold = false, bool Local = false, string? Column = null)
{
    private static readonly HashSet<string> EngineShows = new(StringComparer.OrdinalIgnoreCase) { "tables", "databases" };

    /// <summary>The command, or null when the statement is for the engine.</summary>
    public static PgSessionCommand? TryParse(string sql)
    {
        var t = PgSqlTokens.Tokenize(sql);
        if (t.Count == 0 || t[0].Quoted)
        {
            return null;
        }

        return t[0].Upper switch
        {
            "SET" => ParseSet(t),
            "RESET" => t.Count >= 2 ? new(PgCommandKind.Reset, "RESET", NameAt(t, 1)) : null,
            "SHOW" => ParseShow(t),
            "BEGIN" or "START" => new(PgCommandKind.Begin, t[0].Upper == "BEGIN" ? "BEGIN" : "START TRANSACTION"),
            "COMMIT" or "END" => t.Count > 1 && t[1].Upper == "PREPARED" ? Unsupported("COMMIT PREPARED") : new(PgCommandKind.Commit, "COMMIT"),
            "ROLLBACK" or "ABORT" => t.Any(x => x.Upper is "TO" or "PREPARED") ? Unsupported("ROLLBACK TO SAVEPOINT")
                : new(PgCommandKind.Rollback, "ROLLBACK"),
            "SAVEPOINT" or "RELEASE" => Unsupported(t[0].Upper),
            "DISCARD" => new(PgCommandKind.Discard, "DISCARD " + (t.Count > 1 ? t[1].Upper : "ALL"), t.Count > 1 ? t[1].Upper : "ALL"),
            "DEALLOCATE" => ParseDeallocate(t),
            "DECLARE" => ParseDeclare(t, sql),
            "FETCH" or "MOVE" => ParseFetch(t),
            "CLOSE" => t.Count >= 2 ? new(PgCommandKind.CloseCursor, "CLOSE CURSOR", t[1].Upper == "ALL" && !t[1].Quoted ? "ALL" : t[1].Text) : null,
            "SELECT" => ParseSetConfig(t),
            "LISTEN" => new(PgCommandKind.Listen, "LISTEN"),
            "UNLISTEN" => new(PgCommandKind.Unlisten, "UNLISTEN"),
            _ => null,
        };
    }

    /// <summary>
    /// <c>SELECT [pg_catalog.]set_config('name', 'value', is_local) [[AS] alias]</c> and nothing more: answered as
    /// SET / SET LOCAL would be (name and value may be $n parameters, each argument may end in ::text). set_config
    /// inside a larger query is left to the engine, where the catalog's macro only returns the value.
    /// </summary>
    private static PgSessionCommand? ParseSetConfig(IReadOnlyList<PgSqlToken> t)
    {
        var i = 1;
        if (i + 1 < t.Count && t[i].Upper == "PG_CATALOG" && !t[i].Quoted && t[i + 1].Text == ".")
        {
            i += 2;
        }

        if (i + 1 >= t.Count || t[i].Upper != "SET_CONFIG" || t[i].Quoted || t[i + 1].Text != "(")
        {
            return null;
        }

        i += 2;
        var args = new List<PgSqlToken>();
        while (i < t.Count && args.Count < 3)
        {
            // $n comes as "$" then a number
            var parameter = t[i].Text == "$" && !t[i].Quoted && i + 1 < t.Count && t[i + 1].IsNumber;
            args.Add(parameter ? t[i + 1] with { Text = "$" + t[i + 1].Text, IsNumber = false } : t[i]);
            i += parameter ? 2 : 1;
            // an optional ::text, ::varchar or ::boolean cast
            if (i + 2 < t.Count && t[i].Text == ":" && t[i + 1].Text == ":" && !t[i + 2].Quoted)
            {
                i += 3;
            }

            if (i < t.Count && t[i].Text == (args.Count < 3 ? "," : ")") && !t[i].Quoted)
            {
                i++;
            }
            else
            {
                return null;
            }
        }

        string? column = "set_config";
        if (i < t.Count && t[i].Upper == "AS" && !t[i].Quoted)
        {
            i++;
        }

        if (i < t.Count)
        {
            column = t[i].Quoted ? t[i].Text : t[i].Text.ToLowerInvariant();
            i++;
        }

        if (args.Count != 3 || i != t.Count || !IsText(args[0]) || !IsText(args[1]) || LocalFlag(args[2]) is not { } local)
        {
            return null;
        }

        return new(PgCommandKind.SetConfig, "SELECT", Argument(args[0]), Argument(args[1]), Local: local, Column: column);

        static bool IsText(PgSqlToken token) => token.Quoted || IsParameter(token);

        // a $n parameter is kept as "\0n" (NUL cannot be in a SQL literal), taken from Bind at execution
        static string Argument(PgSqlToken token) => IsParameter(token) ? ParameterMark + token.Text[1..] : token.Text;

        static bool? LocalFlag(PgSqlToken token) => token.Text.ToLowerInvariant() switch
        {
            "true" or "t" or "on" or "yes" or "1" => true,
            "false" or "f" or "off" or "no" or "0" => false,
            _ => null,
        };
    }

    /// <summary>Starts a set_config argument that stands for Bind parameter n ("\0" + n).</summary>
    public const char ParameterMark = '\0';

    private static bool IsParameter(PgSqlToken token) =>
        !token.Quoted && token.Text.Length > 1 && token.Text[0] == '$' && !token.Text.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    private static PgSessionCommand Unsupported(string what) => new(PgCommandKind.Unsupported, what, what);

    private static string NameAt(IReadOnlyList<PgSqlToken> t, int i) =>
        i + 2 < t.Count && t[i + 1].Text == "." ? t[i].Text + "." + t[i + 2].Text : t[i].Text;

    private static PgSessionCommand? ParseSet(IReadOnlyList<PgSqlToken> t)
    {
        var i = 1;
        var local = false;
        if (i < t.Count && t[i].Upper is "SESSION" or "LOCAL" && !t[i].Quoted)
        {
            if (t[i].Upper == "SESSION" && i + 1 < t.Count && t[i + 1].Upper == "CHARACTERISTICS")
            {
                return ParseTransactionModes(t, i + 4, "default_");
            }

            if (t[i].Upper == "SESSION" && i + 1 < t.Count && t[i + 1].Upper == "AUTHORIZATION")
            {
                return Unsupported("SET SESSION AUTHORIZATION");
            }

            local = t[i].Upper == "LOCAL";
            i++;
        }

        if (i >= t.Count)
        {
            return null;
        }

        var head = t[i].Upper;
        if (head == "TRANSACTION" && !t[i].Quoted)
        {
            return ParseTransactionModes(t, i + 1, "");
        }

        string name;
        if (head == "TIME" && i + 1 < t.Count && t[i + 1].Upper == "ZONE")
        {
            name = "TimeZone";
            i += 2;
        }
        else if (head == "SCHEMA" || head == "NAMES")
        {
            name = head == "SCHEMA" ? "search_path" : "client_encoding";
            i++;
        }
        else
        {
            name = NameAt(t, i);
            i += name.Contains('.') && !t[i].Text.Contains('.') ? 3 : 1;
            if (i < t.Count && (t[i].Text == "=" || t[i].Upper == "TO"))
            {
                i++;
            }
        }

        if (i >= t.Count)
        {
            return new(PgCommandKind.Set, "SET", name, null, Local: local);
        }

        if (!t[i].Quoted && t[i].Upper is "DEFAULT" or "LOCAL" && i == t.Count - 1)
        {
            return new(PgCommandKind.Set, "SET", name, null, Local: local);
        }

        var values = new List<string>();
        for (; i < t.Count; i++)
        {
            if (t[i].Text == "," && !t[i].Quoted)
            {
                continue;
            }

            // unquoted words are folded to lower case, as PostgreSQL does
            values.Add(t[i].Quoted || t[i].IsNumber ? t[i].Text : t[i].Text.ToLowerInvariant());
        }

        var value = string.Join(", ", values);
        if (name.Equals("TimeZone", StringComparison.OrdinalIgnoreCase) && value.Equals("utc", StringComparison.OrdinalIgnoreCase))
        {
            value = "UTC";
        }

        return new(PgCommandKind.Set, "SET", name, value, Local: local);
    }

    private static PgSessionCommand ParseTransactionModes(IReadOnlyList<PgSqlToken> t, int i, string prefix)
    {
        // ISOLATION LEVEL x [y] | READ ONLY | READ WRITE | [NOT] DEFERRABLE; the last one given is kept.
        var words = t.Skip(i).Where(x => x.Text != ",").Select(x => x.Upper).ToList();
        for (var k = 0; k < words.Count; k++)
        {
            if (words[k] == "ISOLATION" && k + 2 < words.Count)
            {
                var level = words[k + 2] is "READ" or "REPEATABLE" && k + 3 < words.Count
                    ? words[k + 2] + " " + words[k + 3]
                    : words[k + 2];
                return new(PgCommandKind.Set, "SET", prefix + "transaction_isolation", level.ToLowerInvariant());
            }

            if (words[k] == "READ" && k + 1 < words.Count && words[k + 1] is "ONLY" or "WRITE")
            {
                return new(PgCommandKind.Set, "SET", prefix + "transaction_read_only", words[k + 1] == "ONLY" ? "on" : "off");
            }
        }

        return new(PgCommandKind.Set, "SET", null);
    }

    private static PgSessionCommand? ParseShow(IReadOnlyList<PgSqlToken> t)
    {
        if (t.Count < 2)
        {
            return null;
        }

        var first = t[1].Upper;
        if (first == "TIME" && t.Count > 2 && t[2].Upper == "ZONE")
        {
            return new(PgCommandKind.Show, "SHOW", "TimeZone");
        }

        if (first == "TRANSACTION" && t.Count > 3)
        {
            return new(PgCommandKind.Show, "SHOW", "transaction_isolation");
        }

        if (first == "SESSION" && t.Count > 2 && t[2].Upper == "AUTHORIZATION")
        {
            return new(PgCommandKind.Show, "SHOW", "session_authorization");
        }

        if (first == "ALL" && t.Count == 2)
        {
            return new(PgCommandKind.Show, "SHOW", "ALL");
        }

        if (t.Count > 2 && !(t.Count == 4 && t[2].Text == "."))
        {
            return null; // SHOW ALL TABLES and other engine forms
        }

        var name = NameAt(t, 1);
        return EngineShows.Contains(name) ? null : new(PgCommandKind.Show, "SHOW", name);
    }

    private static PgSessionCommand ParseDeallocate(IReadOnlyList<PgSqlToken> t)
    {
        var i = t.Count > 1 && t[1].Upper == "PREPARE" ? 2 : 1;
        if (i >= t.Count || (t[i].Upper == "ALL" && !t[i].Quoted))
        {
            return new(PgCommandKind.Deallocate, "DEALLOCATE ALL", "ALL");
        }

        return new(PgCommandKind.Deallocate, "DEALLOCATE", t[i].Text);
    }

    private static PgSessionCommand? ParseDeclare(IReadOnlyList<PgSqlToken> t, string sql)
    {
        // DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query
        if (t.Count < 4)
        {
            return null;
        }

        var hold = false;
        for (var i = 2; i < t.Count; i++)
        {
            if (t[i].Upper == "WITH" && i + 1 < t.Count && t[i + 1].Upper == "HOLD")
            {
                hold = true;
            }

            if (t[i].Upper == "FOR" && !t[i].Quoted)
            {
                var query = sql[(t[i].End)..].Trim();
                return new(PgCommandKind.Declare, "DECLARE CURSOR", t[1].Text, Query: query, Hold: hold);
            }
        }

        return null;
    }

    private static PgSessionCommand? ParseFetch(IReadOnlyList<PgSqlToken> t)
    {
        // FETCH [NEXT | FORWARD [n | ALL] | n | ALL] [FROM | IN] cursor
        var kind = t[0].Upper == "FETCH" ? PgCommandKind.Fetch : PgCommandKind.Move;
        long count = 1;
        var i = 1;
        while (i < t.Count - 1)
        {
            var w = t[i];
            if (w.Quoted)
            {
                break;
            }

            if (w.Upper is "NEXT" or "FORWARD")
            {
                i++;
            }
            else if (w.Upper == "ALL")
            {
                count = long.MaxValue;
                i++;
            }
            else if (w.IsNumber && long.TryParse(w.Text, out var n))
            {
                count = n;
                i++;
            }
            else if (w.Upper is "FROM" or "IN")
            {
                i++;
                break;
            }
            else if (w.Upper is "PRIOR" or "FIRST" or "LAST" or "ABSOLUTE" or "RELATIVE" or "BACKWARD")
            {
                return Unsupported(kind == PgCommandKind.Fetch ? "FETCH " + w.Upper : "MOVE " + w.Upper);
            }
            else
            {
                break;
            }
        }

        if (i >= t.Count)
        {
            return null;
        }

        return new(kind, kind == PgCommandKind.Fetch ? "FETCH" : "MOVE", t[i].Text, Count: count);
    }
}

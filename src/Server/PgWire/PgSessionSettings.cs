using System.Globalization;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire;

/// <summary>
/// The run-time parameters a session can SET/SHOW, with PostgreSQL's names, defaults and validation. Reported ones
/// (GUC_REPORT) go to the client as ParameterStatus when they change.
/// </summary>
internal sealed class PgSessionSettings
{
    private static readonly string[] IsolationLevels = ["serializable", "repeatable read", "read committed", "read uncommitted"];
    private static readonly string[] MessageLevels =
        ["debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"];

    private readonly Dictionary<string, Definition> _definitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    // Settings changed in the open transaction block: the value before it (ROLLBACK) and the value COMMIT keeps
    // (that of the last plain SET; SET LOCAL changes only the current value).
    private readonly Dictionary<string, (string AtBegin, string AtCommit)> _transaction = new(StringComparer.OrdinalIgnoreCase);
    private bool _inTransaction;

    public PgSessionSettings(PgServerOptions options, string user)
    {
        var versionNum = ServerVersionNum(options.ServerVersion);
        Add("server_version", options.ServerVersion, "Shows the server version.", report: true, readOnly: true);
        Add("server_version_num", versionNum, "Shows the server version as an integer.", readOnly: true);
        Add("server_encoding", "UTF8", "Shows the server (database) character set encoding.", report: true, readOnly: true);
        Add("client_encoding", "UTF8", "Sets the client's character set encoding.", report: true, normalize: ClientEncoding);
        Add("DateStyle", "ISO, MDY", "Sets the display format for date and time values.", report: true, normalize: DateStyle);
        Add("TimeZone", "UTC", "Sets the time zone for displaying and interpreting time stamps.", report: true, normalize: TimeZone);
        Add("integer_datetimes", "on", "Shows whether datetimes are integer based.", report: true, readOnly: true);
        Add("application_name", "", "Sets the application name to be reported in statistics and logs.", report: true);
        Add("IntervalStyle", "postgres", "Sets the display format for interval values.", report: true,
            normalize: v => OneOf("IntervalStyle", v, ["postgres"]));
        Add("is_superuser", "off", "Shows whether the current user is a superuser.", report: true, readOnly: true);
        Add("session_authorization", user, "Sets the session user name.", report: true, readOnly: true);
        Add("standard_conforming_strings", "on", "Causes '...' strings to treat backslashes literally.", report: true,
            normalize: v => Bool("standard_conforming_strings", v) == "on" ? "on"
                : throw Invalid("standard_conforming_strings", v));
        Add("extra_float_digits", "1", "Sets the number of digits displayed for floating-point values.",
            normalize: v => Int("extra_float_digits", v, -15, 3));
        Add("search_path", "\"$user\", public", "Sets the schema search order for names that are not schema-qualified.");
        Add("statement_timeout", "0", "Sets the maximum allowed duration of any statement.", normalize: Duration);
        Add("client_min_messages", "notice", "Sets the message levels that are sent to the client.",
            normalize: v => OneOf("client_min_messages", v, MessageLevels));
        Add("transaction_isolation", "read committed", "Sets the current transaction's isolation level.",
            normalize: v => OneOf("transaction_isolation", v, IsolationLevels));
        Add("default_transaction_isolation", "read committed", "Sets the transaction isolation level of each new transaction.",
            normalize: v => OneOf("default_transaction_isolation", v, IsolationLevels));
        Add("transaction_read_only", "off", "Sets the current transaction's read-only status.", normalize: v => Bool("transaction_read_only", v));
        Add("default_transaction_read_only", "off", "Sets the default read-only status of new transactions.",
            normalize: v => Bool("default_transaction_read_only", v));
        Add("max_identifier_length", "63", "Shows the maximum identifier length.", readOnly: true);
        Add("lc_collate", "C", "Shows the collation order locale.", readOnly: true);
        Add("lc_ctype", "C", "Shows the character classification and case conversion locale.", readOnly: true);
        Add("lc_messages", "C", "Sets the language in which messages are displayed.");
        Add("deepsql.strict", "off", "Undecodable model input is an error (22P02) instead of NULL plus a notice.",
            normalize: v => Bool("deepsql.strict", v));
        Add("deepsql.batch_size", "32", "Rows per ONNX Runtime call.", normalize: v => Int("deepsql.batch_size", v, 1, 65536));
    }

    public IEnumerable<string> ReportedNames => _definitions.Values.Where(d => d.Report).Select(d => d.Name);

    public bool IsReported(string name) => _definitions.TryGetValue(name, out var d) && d.Report;

    public TimeZoneInfo TimeZoneInfo { get; private set; } = TimeZoneInfo.Utc;

    public int ExtraFloatDigits => int.Parse(_values["extra_float_digits"], CultureInfo.InvariantCulture);

    /// <summary>statement_timeout in milliseconds; 0 = none.</summary>
    public int StatementTimeoutMs => ParseDurationMs(_values["statement_timeout"]);

    public bool NoticesVisible => Array.IndexOf(MessageLevels, _values["client_min_messages"]) <= Array.IndexOf(MessageLevels, "notice");

    public bool IsKnown(string name) => _definitions.ContainsKey(name);

    /// <summary>Canonical name and current value; throws 42704 for an unknown name.</summary>
    public (string Name, string Value) Get(string name)
    {
        var d = Find(name);
        return (d.Name, _values[d.Name]);
    }

    public IEnumerable<(string Name, string Value, string Description)> All =>
        _definitions.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Select(d => (d.Name, _values[d.Name], d.Description));

    /// <summary>
    /// Sets a parameter; returns its canonical name and normalized value. Throws 42704, 55P02 or 22023. Inside a
    /// transaction block the change is undone by ROLLBACK; a <paramref name="local"/> one (SET LOCAL) by COMMIT too.
    /// </summary>
    public (string Name, string Value) Set(string name, string value, bool local = false)
    {
        var d = Settable(name);
        var normalized = d.Normalize?.Invoke(value) ?? value;
        Change(d, normalized, local);
        return (d.Name, normalized);
    }

    /// <summary>Resets one parameter to its default; returns its canonical name and value.</summary>
    public (string Name, string Value) Reset(string name, bool local = false)
    {
        var d = Settable(name);
        Change(d, d.Default, local);
        return (d.Name, d.Default);
    }

    /// <summary>The canonical name and normalized value a Set would store, without storing it.</summary>
    public (string Name, string Value) Normalize(string name, string value)
    {
        var d = Settable(name);
        return (d.Name, d.Normalize?.Invoke(value) ?? value);
    }

    /// <summary>BEGIN: changes from now on belong to the transaction block.</summary>
    public void BeginTransaction()
    {
        _transaction.Clear();
        _inTransaction = true;
    }

    /// <summary>
    /// COMMIT (<paramref name="commit"/>) keeps plain SETs and undoes SET LOCAL; ROLLBACK undoes both. Returns the
    /// parameters whose value changed back.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> EndTransaction(bool commit)
    {
        var changed = new List<(string, string)>();
        foreach (var (name, (atBegin, atCommit)) in _transaction)
        {
            var value = commit ? atCommit : atBegin;
            if (_values[name] != value)
            {
                Store(name, value);
                changed.Add((name, value));
            }
        }

        _transaction.Clear();
        _inTransaction = false;
        return changed;
    }

    private Definition Settable(string name)
    {
        var d = Find(name);
        return d.ReadOnly ? throw new PgException(SqlStates.CantChangeRuntimeParam, $"parameter \"{d.Name}\" cannot be changed") : d;
    }

    private void Change(Definition d, string value, bool local)
    {
        if (_inTransaction)
        {
            var (atBegin, atCommit) = _transaction.TryGetValue(d.Name, out var saved) ? saved : (_values[d.Name], _values[d.Name]);
            _transaction[d.Name] = (atBegin, local ? atCommit : value);
        }

        Store(d.Name, value);
    }

    private void Store(string name, string value)
    {
        _values[name] = value;
        if (name == "TimeZone")
        {
            TimeZoneInfo = FindZone(value) ?? TimeZoneInfo.Utc;
        }
    }

    /// <summary>Resets every settable parameter; returns those whose value changed.</summary>
    public IReadOnlyList<(string Name, string Value)> ResetAll()
    {
        var changed = new List<(string, string)>();
        foreach (var d in _definitions.Values.Where(d => !d.ReadOnly))
        {
            if (_values[d.Name] != d.Default)
            {
                Reset(d.Name);
                changed.Add((d.Name, d.Default));
            }
        }

        return changed;
    }

    private Definition Find(string name) =>
        _definitions.TryGetValue(name, out var d)
            ? d
            : throw new PgException(SqlStates.UndefinedObject, $"unrecognized configuration parameter \"{name}\"");

    private void Add(string name, string value, string description, bool report = false, bool readOnly = false,
        Func<string, string>? normalize = null)
    {
        _definitions[name] = new Definition(name, value, description, report, readOnly, normalize);
        _values[name] = value;
    }

    private static PgException Invalid(string name, string value) =>
        new(SqlStates.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"");

    private static string OneOf(string name, string value, string[] allowed)
    {
        var v = value.Trim().ToLowerInvariant();
        return Array.IndexOf(allowed, v) >= 0 ? v : throw Invalid(name, value);
    }

    private static string Bool(string name, string value) => value.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" or "t" or "y" => "on",
        "off" or "false" or "no" or "0" or "f" or "n" => "off",
        _ => throw new PgException(SqlStates.InvalidParameterValue, $"parameter \"{name}\" requires a Boolean value"),
    };

    private static string Int(string name, string value, int min, int max)
    {
        if (!int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            throw new PgException(SqlStates.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"");
        }

        if (n < min || n > max)
        {
            throw new PgException(SqlStates.InvalidParameterValue,
                $"{n} is outside the valid range for parameter \"{name}\" ({min} .. {max})");
        }

        return n.ToString(CultureInfo.InvariantCulture);
    }

    private static string ClientEncoding(string value) => value.Trim().ToUpperInvariant() switch
    {
        "UTF8" or "UTF-8" or "UNICODE" => "UTF8",
        _ => throw new PgException(SqlStates.FeatureNotSupported, $"conversion between UTF8 and {value} is not supported"),
    };

    private static string DateStyle(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var order = "MDY";
        foreach (var p in parts)
        {
            switch (p.ToUpperInvariant())
            {
                case "ISO":
                    break;
                case "MDY" or "US" or "NONEURO" or "NONEUROPEAN":
                    order = "MDY";
                    break;
                case "DMY" or "EURO" or "EUROPEAN":
                    order = "DMY";
                    break;
                case "YMD":
                    order = "YMD";
                    break;
                default:
                    // only ISO output is implemented
                    throw Invalid("DateStyle", value);
            }
        }

        return "ISO, " + order;
    }

    private static string TimeZone(string value)
    {
        var v = value.Trim();
        if (v.Equals("utc", StringComparison.OrdinalIgnoreCase) || v.Equals("gmt", StringComparison.OrdinalIgnoreCase)
            || v.Equals("z", StringComparison.OrdinalIgnoreCase) || v.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            return "UTC";
        }

        return FindZone(v) is { } zone ? zone.Id : throw Invalid("TimeZone", value);
    }

    private static TimeZoneInfo? FindZone(string id)
    {
        if (id == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static string Duration(string value)
    {
        var ms = ParseDurationMs(value);
        if (ms < 0)
        {
            throw Invalid("statement_timeout", value);
        }

        return ms == 0 ? "0" : ms % 60_000 == 0 ? $"{ms / 60_000}min" : ms % 1000 == 0 ? $"{ms / 1000}s" : $"{ms}ms";
    }

    /// <summary>"0", "1500", "1500ms", "5s", "2min", "1h" → milliseconds; -1 when invalid.</summary>
    private static int ParseDurationMs(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        var digits = 0;
        while (digits < v.Length && char.IsAsciiDigit(v[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(v.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return -1;
        }

        long factor = v[digits..].Trim() switch
        {
            "" or "ms" => 1,
            "s" => 1000,
            "min" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => -1,
        };
        return factor < 0 || n * factor > int.MaxValue ? -1 : (int)(n * factor);
    }

    private static string ServerVersionNum(string version)
    {
        var parts = version.Split('.', ' ');
        var major = int.TryParse(parts[0], CultureInfo.InvariantCulture, out var m) ? m : 15;
        var minor = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (major * 10000 + minor).ToString(CultureInfo.InvariantCulture);
    }

    private sealed record Definition(string Name, string Default, string Description, bool Report, bool ReadOnly,
        Func<string, string>? Normalize);
}

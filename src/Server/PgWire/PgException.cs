namespace DeepSql.Server.PgWire;

/// <summary>A SQL-level error the wire layer reports itself (SET of an unknown parameter, unknown portal, …).</summary>
internal sealed class PgException(string sqlState, string message, string severity = "ERROR") : Exception(message)
{
    public string SqlState { get; } = sqlState;

    public string Severity { get; } = severity;

    /// <summary>ErrorResponse field P within the statement: a 1-based character position; 0 when none.</summary>
    public int Position { get; init; }
}

/// <summary>A protocol violation: 08P01 FATAL is sent, then the connection closes.</summary>
internal sealed class PgProtocolException(string message) : Exception(message);

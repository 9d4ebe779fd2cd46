namespace DeepSql.Clients.Tests;

/// <summary>
/// Why a test is skipped: a server gap that a real client hits, seen by these tests and routed to the owner of the
/// server code. Remove the Skip when the gap is closed; the test then says exactly what still differs.
/// </summary>
public static class ServerGaps
{
    /// <summary>Seen by NodePostgresTests (any client that sends bytea as text in PostgreSQL's hex format).</summary>
    public const string ByteaHexInput =
        "CAST('\\x00ff10' AS BYTEA) is DuckDB's BLOB cast: \\x00 is one escaped byte and the rest stays text " +
        "(00 66 66 31 30), where PostgreSQL's bytea input reads the whole hex format (00 ff 10); a fix belongs in the " +
        "text-to-bytea cast, not in the catalog";
}

namespace DeepSql.Clients.Tests;

/// <summary>
/// Why a test is skipped: a server gap that a real client hits, seen by these tests and routed to the owner of the
/// server code. Remove the Skip when the gap is closed; the test then says exactly what still differs.
/// </summary>
public static class ServerGaps
{
    public const string CatalogColumnTypes =
        "server gap: catalog columns come back with DuckDB's types: name (19) as text (25), oid (26) as int8 (20, size 8), " +
        "\"char\" (18) as text; PostgreSQL's drivers read them as text, so values still agree";

    public const string VarcharTypmod =
        "server gap: varchar(n) answers text (25) with type modifier -1; PostgreSQL answers varchar (1043) with n + 4 " +
        "(DuckDB keeps no varchar length)";
}

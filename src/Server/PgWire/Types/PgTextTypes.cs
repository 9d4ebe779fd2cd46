using System.Globalization;

namespace DeepSql.Server.PgWire.Types;

/// <summary>
/// PostgreSQL's text types that DuckDB has no type for, carried as named text types of the engine
/// (<see cref="DeepSql.Udf.Engines.IQueryEngine.RegisterTextType"/>): <c>name</c> (19), <c>"char"</c> (18) and
/// <c>varchar(n)</c> (1043 with type modifier n + 4). The one place that knows their engine names.
/// </summary>
internal static class PgTextTypes
{
    /// <summary>The engine name of PostgreSQL's <c>name</c>: the same word, so <c>CAST(x AS name)</c> runs as written.</summary>
    public const string Name = "name";

    /// <summary>The engine name of PostgreSQL's <c>"char"</c> (DuckDB reads "char" as its CHAR, which is VARCHAR).</summary>
    public const string Char = "pg_char";

    /// <summary>PostgreSQL's <c>varchar</c> without a length (DuckDB's VARCHAR answers as text).</summary>
    public const string Varchar = "pg_varchar";

    /// <summary>PostgreSQL's <c>pg_node_tree</c> (expression trees in catalogs; here their SQL text).</summary>
    public const string NodeTree = "pg_node_tree";

    /// <summary>PostgreSQL's <c>aclitem</c> (access privileges; always NULL here).</summary>
    public const string AclItem = "aclitem";

    /// <summary>PostgreSQL's largest varchar length.</summary>
    public const int MaxVarcharLength = 10_485_760;

    private const string VarcharPrefix = "varchar(";

    /// <summary>The types every session starts with (varchar(3) is information_schema's yes_or_no).</summary>
    public static IReadOnlyList<string> Fixed { get; } = [Name, Char, Varchar, NodeTree, AclItem, VarcharOf(3)];

    /// <summary>The engine name of <c>varchar(<paramref name="length"/>)</c>.</summary>
    public static string VarcharOf(int length) => string.Create(CultureInfo.InvariantCulture, $"{VarcharPrefix}{length})");

    /// <summary>Whether <paramref name="engineName"/> is one of these types; its PostgreSQL OID and type modifier.</summary>
    public static bool TryResolve(string? engineName, out int oid, out int typeModifier)
    {
        typeModifier = -1;
        switch (engineName)
        {
            case Name:
                oid = PgOid.Name;
                return true;
            case Char:
                oid = PgOid.Char;
                return true;
            case Varchar:
                oid = PgOid.Varchar;
                return true;
            case NodeTree:
                oid = PgOid.NodeTree;
                return true;
            case AclItem:
                oid = PgOid.AclItem;
                return true;
        }

        oid = 0;
        if (engineName is null || !engineName.StartsWith(VarcharPrefix, StringComparison.Ordinal) || !engineName.EndsWith(')')
            || !int.TryParse(engineName.AsSpan(VarcharPrefix.Length, engineName.Length - VarcharPrefix.Length - 1),
                NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        oid = PgOid.Varchar;
        typeModifier = length + 4; // VARHDRSZ, as atttypmod stores it
        return true;
    }
}

using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>
    /// PostgreSQL type OID for an engine type: the one result columns travel as (<see cref="PgType.From"/>).
    /// Must agree with deepsql_type_oid in sql/catalog.
    /// </summary>
    public static uint TypeOid(SqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return (uint)PgType.From(type).Oid;
    }

    /// <summary>PostgreSQL's spelling of an engine type, as format_type() and \df print it.</summary>
    internal static string TypeName(SqlType type) => TypeOid(type) switch
    {
        16 => "boolean",
        18 => "\"char\"",
        19 => "name",
        1043 => PgTextTypes.TryResolve(type.EngineName, out _, out var modifier) ? $"character varying({modifier - 4})" : "character varying",
        17 => "bytea",
        20 => "bigint",
        21 => "smallint",
        23 => "integer",
        25 => "text",
        26 => "oid",
        114 => "json",
        700 => "real",
        701 => "double precision",
        1082 => "date",
        1083 => "time without time zone",
        1114 => "timestamp without time zone",
        1184 => "timestamp with time zone",
        1186 => "interval",
        1700 => type.Kind == SqlTypeKind.Decimal && type.Precision > 0 ? $"numeric({type.Precision},{type.Scale})" : "numeric",
        2950 => "uuid",
        199 => "json[]",
        _ when type.Kind == SqlTypeKind.List => TypeName(type.Element ?? SqlType.Text) + "[]",
        _ => "text",
    };
}

using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Catalog;

public sealed partial class PgCatalog
{
    /// <summary>
    /// PostgreSQL type OID for an engine type. Text is text (25): DuckDB's VARCHAR has no length. Unsigned
    /// integers widen (UInt32 is oid, 26, which is what the catalog's own OID columns are); UInt64 and HugeInt are
    /// numeric; structs, and lists of structs, are json. Must agree with deepsql_type_oid in sql/catalog.
    /// </summary>
    public static uint TypeOid(SqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            SqlTypeKind.Boolean => 16,
            SqlTypeKind.Blob => 17,
            SqlTypeKind.Int64 => 20,
            SqlTypeKind.Int8 or SqlTypeKind.Int16 or SqlTypeKind.UInt8 => 21,
            SqlTypeKind.Int32 or SqlTypeKind.UInt16 => 23,
            SqlTypeKind.Text or SqlTypeKind.Unknown or SqlTypeKind.Null => 25,
            SqlTypeKind.UInt32 => 26,
            SqlTypeKind.Json or SqlTypeKind.Struct => 114,
            SqlTypeKind.Float32 => 700,
            SqlTypeKind.Float64 => 701,
            SqlTypeKind.Date => 1082,
            SqlTypeKind.Time => 1083,
            SqlTypeKind.Timestamp => 1114,
            SqlTypeKind.TimestampTz => 1184,
            SqlTypeKind.Interval => 1186,
            SqlTypeKind.Decimal or SqlTypeKind.UInt64 or SqlTypeKind.HugeInt => 1700,
            SqlTypeKind.Uuid => 2950,
            SqlTypeKind.List => ArrayOid(type.Element),
            _ => 25,
        };
    }

    /// <summary>The array type of an element type; lists of lists flatten to one PostgreSQL array type.</summary>
    private static uint ArrayOid(SqlType? element)
    {
        while (element is { Kind: SqlTypeKind.List })
        {
            element = element.Element;
        }

        return element is null ? 1009u : TypeOid(element) switch
        {
            16 => 1000,
            17 => 1001,
            20 => 1016,
            21 => 1005,
            23 => 1007,
            25 => 1009,
            26 => 1028,
            114 => 199,
            700 => 1021,
            701 => 1022,
            1043 => 1015,
            1082 => 1182,
            1083 => 1183,
            1114 => 1115,
            1184 => 1185,
            1186 => 1187,
            1700 => 1231,
            2950 => 2951,
            _ => 1009,
        };
    }

    /// <summary>PostgreSQL's spelling of an engine type, as format_type() and \df print it.</summary>
    internal static string TypeName(SqlType type) => TypeOid(type) switch
    {
        16 => "boolean",
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

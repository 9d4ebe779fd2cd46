using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire.Types;

/// <summary>The PostgreSQL type a result column or parameter travels as.</summary>
/// <param name="Oid">pg_type OID.</param>
/// <param name="TypeModifier">atttypmod; -1 when none.</param>
/// <param name="AsJson">Values are rendered as JSON text (structs, lists of structs or lists).</param>
public sealed record PgType(int Oid, int TypeModifier = -1, bool AsJson = false)
{
    public static readonly PgType Text = new(PgOid.Text);

    public short Length => PgOid.TypeLength(Oid);

    public int ElementOid => PgOid.ElementOf(Oid);

    /// <summary>Maps an engine type to the PostgreSQL type clients see.</summary>
    public static PgType From(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Boolean => new(PgOid.Bool),
        SqlTypeKind.Int8 or SqlTypeKind.UInt8 or SqlTypeKind.Int16 => new(PgOid.Int2),
        SqlTypeKind.UInt16 or SqlTypeKind.Int32 => new(PgOid.Int4),
        SqlTypeKind.Int64 => new(PgOid.Int8),
        // UINTEGER is what the catalog's OID columns are, as pg_attribute reports them: PostgreSQL's oid is 4 bytes unsigned
        SqlTypeKind.UInt32 => new(PgOid.Oid),
        SqlTypeKind.UInt64 or SqlTypeKind.HugeInt => new(PgOid.Numeric),
        SqlTypeKind.Float32 => new(PgOid.Float4),
        SqlTypeKind.Float64 => new(PgOid.Float8),
        // atttypmod of numeric(p,s) is ((p << 16) | s) + VARHDRSZ.
        SqlTypeKind.Decimal => new(PgOid.Numeric, type.Precision > 0 ? ((type.Precision << 16) | type.Scale) + 4 : -1),
        SqlTypeKind.Text => PgTextTypes.TryResolve(type.EngineName, out var oid, out var modifier) ? new(oid, modifier) : new(PgOid.Text),
        SqlTypeKind.Blob => new(PgOid.Bytea),
        SqlTypeKind.Date => new(PgOid.Date),
        SqlTypeKind.Time => new(PgOid.Time),
        SqlTypeKind.Timestamp => new(PgOid.Timestamp),
        SqlTypeKind.TimestampTz => new(PgOid.TimestampTz),
        SqlTypeKind.Interval => new(PgOid.Interval),
        SqlTypeKind.Uuid => new(PgOid.Uuid),
        SqlTypeKind.Json => new(PgOid.Json),
        SqlTypeKind.Struct => new(PgOid.Json, AsJson: true),
        SqlTypeKind.List => ListOf(type.Element),
        _ => Text,
    };

    /// <summary>The engine type a parameter of this PostgreSQL type carries (Unknown when not known).</summary>
    public static SqlType ToSqlType(int oid) => oid switch
    {
        PgOid.Bool => SqlType.Boolean,
        PgOid.Int2 => SqlType.Int16,
        PgOid.Int4 => SqlType.Int32,
        PgOid.Int8 or PgOid.Oid => SqlType.Int64,
        PgOid.Float4 => SqlType.Float32,
        PgOid.Float8 => SqlType.Float64,
        PgOid.Numeric => new SqlType(SqlTypeKind.Decimal),
        PgOid.Text or PgOid.Varchar or PgOid.Name or PgOid.BpChar or PgOid.Char => SqlType.Text,
        PgOid.Bytea => SqlType.Blob,
        PgOid.Date => new SqlType(SqlTypeKind.Date),
        PgOid.Time => new SqlType(SqlTypeKind.Time),
        PgOid.Timestamp => new SqlType(SqlTypeKind.Timestamp),
        PgOid.TimestampTz => new SqlType(SqlTypeKind.TimestampTz),
        PgOid.Interval => new SqlType(SqlTypeKind.Interval),
        PgOid.Uuid => new SqlType(SqlTypeKind.Uuid),
        PgOid.Json or PgOid.Jsonb => new SqlType(SqlTypeKind.Json),
        _ when PgOid.ElementOf(oid) != 0 => SqlType.List(ToSqlType(PgOid.ElementOf(oid))),
        _ => new SqlType(SqlTypeKind.Unknown),
    };

    private static PgType ListOf(SqlType? element)
    {
        if (element is null || element.Kind is SqlTypeKind.Struct or SqlTypeKind.List)
        {
            return new(PgOid.Json, AsJson: true);
        }

        var inner = From(element);
        var array = PgOid.ArrayOf(inner.Oid);
        return array == 0 ? new(PgOid.Json, AsJson: true) : new(array, inner.TypeModifier);
    }
}

namespace DeepSql.Server.PgWire.Types;

/// <summary>PostgreSQL type OIDs (pg_type.oid) as the wire protocol carries them.</summary>
public static class PgOid
{
    public const int Unspecified = 0;
    public const int Bool = 16;
    public const int Bytea = 17;
    public const int Char = 18;
    public const int Name = 19;
    public const int Int8 = 20;
    public const int Int2 = 21;
    public const int Int4 = 23;
    public const int Text = 25;
    public const int Oid = 26;
    public const int Json = 114;
    public const int NodeTree = 194;
    public const int Float4 = 700;
    public const int Float8 = 701;
    public const int Unknown = 705;
    public const int AclItem = 1033;
    public const int AclItemArray = 1034;
    public const int BpChar = 1042;
    public const int Varchar = 1043;
    public const int Date = 1082;
    public const int Time = 1083;
    public const int Timestamp = 1114;
    public const int TimestampTz = 1184;
    public const int Interval = 1186;
    public const int Numeric = 1700;
    public const int Uuid = 2950;
    public const int Jsonb = 3802;

    public const int JsonArray = 199;
    public const int BoolArray = 1000;
    public const int ByteaArray = 1001;
    public const int CharArray = 1002;
    public const int NameArray = 1003;
    public const int Int2Array = 1005;
    public const int Int4Array = 1007;
    public const int TextArray = 1009;
    public const int VarcharArray = 1015;
    public const int Int8Array = 1016;
    public const int Float4Array = 1021;
    public const int Float8Array = 1022;
    public const int OidArray = 1028;
    public const int TimestampArray = 1115;
    public const int DateArray = 1182;
    public const int TimeArray = 1183;
    public const int TimestampTzArray = 1185;
    public const int IntervalArray = 1187;
    public const int NumericArray = 1231;
    public const int UuidArray = 2951;
    public const int JsonbArray = 3807;

    /// <summary>The array type of an element type, or 0 when there is none.</summary>
    public static int ArrayOf(int element) => element switch
    {
        Bool => BoolArray,
        Bytea => ByteaArray,
        Char => CharArray,
        Name => NameArray,
        Int2 => Int2Array,
        Int4 => Int4Array,
        Int8 => Int8Array,
        Text => TextArray,
        Varchar => VarcharArray,
        Float4 => Float4Array,
        Float8 => Float8Array,
        Oid => OidArray,
        Timestamp => TimestampArray,
        Date => DateArray,
        Time => TimeArray,
        TimestampTz => TimestampTzArray,
        Interval => IntervalArray,
        Numeric => NumericArray,
        Uuid => UuidArray,
        Json => JsonArray,
        AclItem => AclItemArray,
        Jsonb => JsonbArray,
        _ => 0,
    };

    /// <summary>The element type of an array type, or 0 when <paramref name="array"/> is not an array type.</summary>
    public static int ElementOf(int array) => array switch
    {
        BoolArray => Bool,
        ByteaArray => Bytea,
        CharArray => Char,
        NameArray => Name,
        Int2Array => Int2,
        Int4Array => Int4,
        Int8Array => Int8,
        TextArray => Text,
        VarcharArray => Varchar,
        Float4Array => Float4,
        Float8Array => Float8,
        OidArray => Oid,
        TimestampArray => Timestamp,
        DateArray => Date,
        TimeArray => Time,
        TimestampTzArray => TimestampTz,
        IntervalArray => Interval,
        NumericArray => Numeric,
        UuidArray => Uuid,
        JsonArray => Json,
        AclItemArray => AclItem,
        JsonbArray => Jsonb,
        _ => 0,
    };

    /// <summary>pg_type.typlen: fixed size in bytes, or -1 for variable length.</summary>
    public static short TypeLength(int oid) => oid switch
    {
        Bool or Char => 1,
        Int2 => 2,
        Int4 or Oid or Float4 or Date => 4,
        Int8 or Float8 or Time or Timestamp or TimestampTz => 8,
        Interval or Uuid => 16,
        AclItem => 12,
        Name => 64,
        _ => -1,
    };
}

namespace DeepSql.Udf.Engines;

/// <summary>Kinds of values an engine hands back; the wire layer maps each to a PostgreSQL type.</summary>
public enum SqlTypeKind
{
    /// <summary>A type the engine has no closer mapping for; values arrive as text.</summary>
    Unknown,
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    HugeInt,
    Float32,
    Float64,
    Decimal,
    Text,
    Blob,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Interval,
    Uuid,
    Json,
    List,
    Struct,
    Null,
}

/// <summary>
/// An engine-neutral SQL type. CLR value per kind (what a <see cref="RowBatch"/> holds):
/// Boolean bool; Int8 sbyte; Int16 short; Int32 int; Int64 long; UInt8 byte; UInt16 ushort; UInt32 uint; UInt64 ulong;
/// HugeInt System.Numerics.BigInteger; Float32 float; Float64 double; Decimal decimal; Text/Json/Unknown string;
/// Blob byte[]; Date DateOnly; Time TimeOnly; Timestamp DateTime (Kind Unspecified); TimestampTz DateTimeOffset (UTC);
/// Interval <see cref="SqlInterval"/>; Uuid Guid; List object?[] (or float[] for a list of Float32);
/// Struct IReadOnlyDictionary&lt;string, object?&gt; in field order. NULL is null.
/// </summary>
public sealed record SqlType(SqlTypeKind Kind, SqlType? Element = null, IReadOnlyList<SqlField>? Fields = null,
    int Precision = 0, int Scale = 0, string? EngineName = null)
{
    public static readonly SqlType Boolean = new(SqlTypeKind.Boolean);
    public static readonly SqlType Int16 = new(SqlTypeKind.Int16);
    public static readonly SqlType Int32 = new(SqlTypeKind.Int32);
    public static readonly SqlType Int64 = new(SqlTypeKind.Int64);
    public static readonly SqlType Float32 = new(SqlTypeKind.Float32);
    public static readonly SqlType Float64 = new(SqlTypeKind.Float64);
    public static readonly SqlType Text = new(SqlTypeKind.Text);
    public static readonly SqlType Blob = new(SqlTypeKind.Blob);
    public static readonly SqlType Float32List = List(Float32);

    /// <summary>A list of <paramref name="element"/>.</summary>
    public static SqlType List(SqlType element) => new(SqlTypeKind.List, element);

    /// <summary>A struct with the given fields.</summary>
    public static SqlType Struct(params SqlField[] fields) => new(SqlTypeKind.Struct, Fields: fields);

    /// <summary>SQL spelling, as the engine would print it (FLOAT[], STRUCT(label VARCHAR, score FLOAT)[]).</summary>
    public override string ToString() => Kind switch
    {
        SqlTypeKind.List => $"{Element}[]",
        SqlTypeKind.Struct => $"STRUCT({string.Join(", ", Fields!.Select(f => $"{f.Name} {f.Type}"))})",
        SqlTypeKind.Text => "VARCHAR",
        SqlTypeKind.Float32 => "FLOAT",
        SqlTypeKind.Float64 => "DOUBLE",
        SqlTypeKind.Int32 => "INTEGER",
        SqlTypeKind.Int64 => "BIGINT",
        SqlTypeKind.Int16 => "SMALLINT",
        SqlTypeKind.Decimal => $"DECIMAL({Precision},{Scale})",
        _ => EngineName ?? Kind.ToString().ToUpperInvariant(),
    };
}

/// <summary>A struct field.</summary>
public sealed record SqlField(string Name, SqlType Type);

/// <summary>An interval as PostgreSQL holds it: months, days and microseconds.</summary>
public readonly record struct SqlInterval(int Months, int Days, long Microseconds);

using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>Maps DuckDB logical types to <see cref="SqlType"/> and back.</summary>
internal static class DuckDbTypes
{
    /// <summary>Describes a native logical type; does not take ownership of <paramref name="logicalType"/>.</summary>
    public static SqlType FromLogicalType(IntPtr logicalType)
    {
        if (logicalType == IntPtr.Zero)
        {
            return new SqlType(SqlTypeKind.Unknown, EngineName: "UNKNOWN");
        }

        var alias = TakeString(DuckDbNative.duckdb_logical_type_get_alias(logicalType));
        var id = (DuckDBType)DuckDbNative.duckdb_get_type_id(logicalType);
        if (alias is not null && alias.Equals("JSON", StringComparison.OrdinalIgnoreCase) && id == DuckDBType.Varchar)
        {
            return new SqlType(SqlTypeKind.Json, EngineName: "JSON");
        }

        if (alias is not null && id == DuckDBType.Varchar)
        {
            // a named text type (DuckDbEngine.RegisterTextType): text values under the type's own name
            return new SqlType(SqlTypeKind.Text, EngineName: alias);
        }

        switch (id)
        {
            case DuckDBType.Decimal:
                {
                    int width = DuckDbNative.duckdb_decimal_width(logicalType);
                    int scale = DuckDbNative.duckdb_decimal_scale(logicalType);
                    return new SqlType(SqlTypeKind.Decimal, Precision: width, Scale: scale, EngineName: $"DECIMAL({width},{scale})");
                }
            case DuckDBType.List:
                {
                    var child = DuckDbNative.duckdb_list_type_child_type(logicalType);
                    try
                    {
                        var element = FromLogicalType(child);
                        return new SqlType(SqlTypeKind.List, element, EngineName: $"{element.EngineName}[]");
                    }
                    finally
                    {
                        DuckDbNative.duckdb_destroy_logical_type(ref child);
                    }
                }
            case DuckDBType.Array:
                {
                    var child = DuckDbNative.duckdb_array_type_child_type(logicalType);
                    var size = DuckDbNative.duckdb_array_type_array_size(logicalType);
                    try
                    {
                        var element = FromLogicalType(child);
                        return new SqlType(SqlTypeKind.List, element, EngineName: $"{element.EngineName}[{size}]");
                    }
                    finally
                    {
                        DuckDbNative.duckdb_destroy_logical_type(ref child);
                    }
                }
            case DuckDBType.Struct:
                {
                    var count = DuckDbNative.duckdb_struct_type_child_count(logicalType);
                    var fields = new SqlField[count];
                    for (ulong i = 0; i < count; i++)
                    {
                        var name = TakeString(DuckDbNative.duckdb_struct_type_child_name(logicalType, i)) ?? $"f{i}";
                        var child = DuckDbNative.duckdb_struct_type_child_type(logicalType, i);
                        try
                        {
                            fields[i] = new SqlField(name, FromLogicalType(child));
                        }
                        finally
                        {
                            DuckDbNative.duckdb_destroy_logical_type(ref child);
                        }
                    }

                    var engineName = $"STRUCT({string.Join(", ", fields.Select(f => $"{QuoteIfNeeded(f.Name)} {f.Type.EngineName}"))})";
                    return new SqlType(SqlTypeKind.Struct, Fields: fields, EngineName: engineName);
                }
            case DuckDBType.Map:
                {
                    var key = DuckDbNative.duckdb_map_type_key_type(logicalType);
                    var value = DuckDbNative.duckdb_map_type_value_type(logicalType);
                    try
                    {
                        return new SqlType(SqlTypeKind.Unknown,
                            EngineName: $"MAP({FromLogicalType(key).EngineName}, {FromLogicalType(value).EngineName})");
                    }
                    finally
                    {
                        DuckDbNative.duckdb_destroy_logical_type(ref key);
                        DuckDbNative.duckdb_destroy_logical_type(ref value);
                    }
                }
            default:
                return FromTypeId(id);
        }
    }

    /// <summary>A scalar (non-nested) type by id.</summary>
    public static SqlType FromTypeId(DuckDBType id) => id switch
    {
        DuckDBType.Boolean => new(SqlTypeKind.Boolean, EngineName: "BOOLEAN"),
        DuckDBType.TinyInt => new(SqlTypeKind.Int8, EngineName: "TINYINT"),
        DuckDBType.SmallInt => new(SqlTypeKind.Int16, EngineName: "SMALLINT"),
        DuckDBType.Integer => new(SqlTypeKind.Int32, EngineName: "INTEGER"),
        DuckDBType.BigInt => new(SqlTypeKind.Int64, EngineName: "BIGINT"),
        DuckDBType.UnsignedTinyInt => new(SqlTypeKind.UInt8, EngineName: "UTINYINT"),
        DuckDBType.UnsignedSmallInt => new(SqlTypeKind.UInt16, EngineName: "USMALLINT"),
        DuckDBType.UnsignedInteger => new(SqlTypeKind.UInt32, EngineName: "UINTEGER"),
        DuckDBType.UnsignedBigInt => new(SqlTypeKind.UInt64, EngineName: "UBIGINT"),
        DuckDBType.HugeInt => new(SqlTypeKind.HugeInt, EngineName: "HUGEINT"),
        DuckDBType.UnsignedHugeInt => new(SqlTypeKind.HugeInt, EngineName: "UHUGEINT"),
        DuckDBType.Float => new(SqlTypeKind.Float32, EngineName: "FLOAT"),
        DuckDBType.Double => new(SqlTypeKind.Float64, EngineName: "DOUBLE"),
        DuckDBType.Varchar => new(SqlTypeKind.Text, EngineName: "VARCHAR"),
        DuckDBType.Blob => new(SqlTypeKind.Blob, EngineName: "BLOB"),
        DuckDBType.Date => new(SqlTypeKind.Date, EngineName: "DATE"),
        DuckDBType.Time => new(SqlTypeKind.Time, EngineName: "TIME"),
        DuckDBType.Timestamp => new(SqlTypeKind.Timestamp, EngineName: "TIMESTAMP"),
        DuckDBType.TimestampS => new(SqlTypeKind.Timestamp, EngineName: "TIMESTAMP_S"),
        DuckDBType.TimestampMs => new(SqlTypeKind.Timestamp, EngineName: "TIMESTAMP_MS"),
        DuckDBType.TimestampNs => new(SqlTypeKind.Timestamp, EngineName: "TIMESTAMP_NS"),
        DuckDBType.TimestampTz => new(SqlTypeKind.TimestampTz, EngineName: "TIMESTAMP WITH TIME ZONE"),
        DuckDBType.Interval => new(SqlTypeKind.Interval, EngineName: "INTERVAL"),
        DuckDBType.Uuid => new(SqlTypeKind.Uuid, EngineName: "UUID"),
        DuckDBType.Enum => new(SqlTypeKind.Text, EngineName: "ENUM"),
        DuckDBType.SqlNull => new(SqlTypeKind.Null, EngineName: "\"NULL\""),
        DuckDBType.TimeTz => new(SqlTypeKind.Unknown, EngineName: "TIME WITH TIME ZONE"),
        DuckDBType.Bit => new(SqlTypeKind.Unknown, EngineName: "BIT"),
        DuckDBType.VarInt => new(SqlTypeKind.Unknown, EngineName: "BIGNUM"),
        DuckDBType.Union => new(SqlTypeKind.Unknown, EngineName: "UNION"),
        _ => new(SqlTypeKind.Unknown, EngineName: id == DuckDBType.Invalid ? "UNKNOWN" : id.ToString().ToUpperInvariant()),
    };

    /// <summary>
    /// Creates a native logical type for <paramref name="type"/>; the caller destroys it with duckdb_destroy_logical_type.
    /// </summary>
    public static unsafe IntPtr CreateLogicalType(SqlType type)
    {
        switch (type.Kind)
        {
            case SqlTypeKind.List:
                {
                    var child = CreateLogicalType(type.Element ?? throw new ArgumentException("A list type needs an element type."));
                    try
                    {
                        return DuckDbNative.duckdb_create_list_type(child);
                    }
                    finally
                    {
                        DuckDbNative.duckdb_destroy_logical_type(ref child);
                    }
                }
            case SqlTypeKind.Struct:
                {
                    var fields = type.Fields ?? throw new ArgumentException("A struct type needs fields.");
                    var types = new IntPtr[fields.Count];
                    var names = new IntPtr[fields.Count];
                    try
                    {
                        for (int i = 0; i < fields.Count; i++)
                        {
                            types[i] = CreateLogicalType(fields[i].Type);
                            names[i] = Marshal.StringToCoTaskMemUTF8(fields[i].Name);
                        }

                        fixed (IntPtr* typesPtr = types)
                        fixed (IntPtr* namesPtr = names)
                        {
                            return DuckDbNative.duckdb_create_struct_type(typesPtr, (byte**)namesPtr, (ulong)fields.Count);
                        }
                    }
                    finally
                    {
                        for (int i = 0; i < fields.Count; i++)
                        {
                            if (types[i] != IntPtr.Zero)
                            {
                                DuckDbNative.duckdb_destroy_logical_type(ref types[i]);
                            }

                            Marshal.FreeCoTaskMem(names[i]);
                        }
                    }
                }
            case SqlTypeKind.Decimal:
                return DuckDbNative.duckdb_create_decimal_type((byte)type.Precision, (byte)type.Scale);
            default:
                return DuckDbNative.duckdb_create_logical_type((int)ScalarTypeId(type.Kind));
        }
    }

    private static DuckDBType ScalarTypeId(SqlTypeKind kind) => kind switch
    {
        SqlTypeKind.Boolean => DuckDBType.Boolean,
        SqlTypeKind.Int8 => DuckDBType.TinyInt,
        SqlTypeKind.Int16 => DuckDBType.SmallInt,
        SqlTypeKind.Int32 => DuckDBType.Integer,
        SqlTypeKind.Int64 => DuckDBType.BigInt,
        SqlTypeKind.UInt8 => DuckDBType.UnsignedTinyInt,
        SqlTypeKind.UInt16 => DuckDBType.UnsignedSmallInt,
        SqlTypeKind.UInt32 => DuckDBType.UnsignedInteger,
        SqlTypeKind.UInt64 => DuckDBType.UnsignedBigInt,
        SqlTypeKind.Float32 => DuckDBType.Float,
        SqlTypeKind.Float64 => DuckDBType.Double,
        SqlTypeKind.Text or SqlTypeKind.Json => DuckDBType.Varchar,
        SqlTypeKind.Blob => DuckDBType.Blob,
        _ => throw new NotSupportedException($"Model functions cannot take or return {kind}."),
    };

    /// <summary>Reads a C string the caller owns and frees it.</summary>
    public static string? TakeString(IntPtr text)
    {
        if (text == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            DuckDbNative.duckdb_free(text);
        }
    }

    private static string QuoteIfNeeded(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? name
            : $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

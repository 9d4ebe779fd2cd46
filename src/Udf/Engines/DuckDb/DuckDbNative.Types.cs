using System.Runtime.InteropServices;

namespace DeepSql.Udf.Engines.DuckDb;

internal static unsafe partial class DuckDbNative
{
    // ---- named types and their casts ----

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_logical_type_set_alias(IntPtr logicalType, string alias);

    /// <summary>Adds a named type to the system catalog (not persisted with the database).</summary>
    [LibraryImport(Lib)]
    internal static partial int duckdb_register_logical_type(IntPtr connection, IntPtr logicalType, IntPtr createTypeInfo);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_create_cast_function();

    [LibraryImport(Lib)]
    internal static partial void duckdb_cast_function_set_source_type(IntPtr castFunction, IntPtr sourceType);

    [LibraryImport(Lib)]
    internal static partial void duckdb_cast_function_set_target_type(IntPtr castFunction, IntPtr targetType);

    [LibraryImport(Lib)]
    internal static partial void duckdb_cast_function_set_implicit_cast_cost(IntPtr castFunction, long cost);

    [LibraryImport(Lib)]
    internal static partial void duckdb_cast_function_set_function(IntPtr castFunction, delegate* unmanaged[Cdecl]<IntPtr, ulong, IntPtr, IntPtr, byte> function);

    [LibraryImport(Lib)]
    internal static partial int duckdb_register_cast_function(IntPtr connection, IntPtr castFunction);

    [LibraryImport(Lib)]
    internal static partial void duckdb_destroy_cast_function(ref IntPtr castFunction);
}

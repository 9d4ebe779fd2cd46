using System.Runtime.InteropServices;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// The parts of DuckDB's C API that DuckDB.NET does not expose in the shape the engine needs (scalar functions with a
/// bind step that sees the calling connection, prepared statement metadata). All handles are raw pointers owned by
/// the caller; see each call site for who destroys what.
/// </summary>
internal static unsafe partial class DuckDbNative
{
    private const string Lib = "duckdb";

    // ---- scalar functions ----
    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_create_scalar_function();

    [LibraryImport(Lib)]
    internal static partial void duckdb_destroy_scalar_function(ref IntPtr function);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_scalar_function_set_name(IntPtr function, string name);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_add_parameter(IntPtr function, IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_return_type(IntPtr function, IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_volatile(IntPtr function);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_extra_info(IntPtr function, IntPtr extraInfo, delegate* unmanaged[Cdecl]<IntPtr, void> destroy);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_bind(IntPtr function, delegate* unmanaged[Cdecl]<IntPtr, void> bind);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_function(IntPtr function, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> callback);

    [LibraryImport(Lib)]
    internal static partial int duckdb_register_scalar_function(IntPtr connection, IntPtr function);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_scalar_function_bind_get_extra_info(IntPtr bindInfo);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_scalar_function_bind_set_error(IntPtr bindInfo, string error);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_get_client_context(IntPtr bindInfo, out IntPtr clientContext);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_bind_data(IntPtr bindInfo, IntPtr bindData, delegate* unmanaged[Cdecl]<IntPtr, void> destroy);

    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_bind_data_copy(IntPtr bindInfo, delegate* unmanaged[Cdecl]<IntPtr, IntPtr> copy);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_scalar_function_get_extra_info(IntPtr functionInfo);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_scalar_function_get_bind_data(IntPtr functionInfo);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_scalar_function_set_error(IntPtr functionInfo, string error);

    // ---- client context ----
    [LibraryImport(Lib)]
    internal static partial void duckdb_connection_get_client_context(IntPtr connection, out IntPtr clientContext);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_client_context_get_connection_id(IntPtr clientContext);

    [LibraryImport(Lib)]
    internal static partial void duckdb_destroy_client_context(ref IntPtr clientContext);

    // ---- logical types ----
    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_create_logical_type(int type);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_create_list_type(IntPtr child);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_create_decimal_type(byte width, byte scale);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_create_struct_type(IntPtr* memberTypes, byte** memberNames, ulong count);

    [LibraryImport(Lib)]
    internal static partial void duckdb_destroy_logical_type(ref IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial int duckdb_get_type_id(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_list_type_child_type(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_array_type_child_type(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_array_type_array_size(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_map_type_key_type(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_map_type_value_type(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_struct_type_child_count(IntPtr logicalType);

    /// <summary>Returns a string the caller frees with duckdb_free.</summary>
    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_struct_type_child_name(IntPtr logicalType, ulong index);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_struct_type_child_type(IntPtr logicalType, ulong index);

    [LibraryImport(Lib)]
    internal static partial byte duckdb_decimal_width(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial byte duckdb_decimal_scale(IntPtr logicalType);

    /// <summary>Returns a string the caller frees with duckdb_free, or null.</summary>
    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_logical_type_get_alias(IntPtr logicalType);

    [LibraryImport(Lib)]
    internal static partial void duckdb_free(IntPtr pointer);

    // ---- vectors and chunks ----
    [LibraryImport(Lib)]
    internal static partial ulong duckdb_data_chunk_get_size(IntPtr chunk);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_data_chunk_get_column_count(IntPtr chunk);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_data_chunk_get_vector(IntPtr chunk, ulong index);

    [LibraryImport(Lib)]
    internal static partial void* duckdb_vector_get_data(IntPtr vector);

    [LibraryImport(Lib)]
    internal static partial ulong* duckdb_vector_get_validity(IntPtr vector);

    [LibraryImport(Lib)]
    internal static partial void duckdb_vector_ensure_validity_writable(IntPtr vector);

    [LibraryImport(Lib)]
    internal static partial void duckdb_vector_assign_string_element_len(IntPtr vector, ulong index, byte* value, ulong length);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_list_vector_get_child(IntPtr vector);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_list_vector_get_size(IntPtr vector);

    [LibraryImport(Lib)]
    internal static partial int duckdb_list_vector_reserve(IntPtr vector, ulong capacity);

    [LibraryImport(Lib)]
    internal static partial int duckdb_list_vector_set_size(IntPtr vector, ulong size);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_struct_vector_get_child(IntPtr vector, ulong index);

    // ---- prepared statements (metadata only; execution goes through DuckDB.NET) ----
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_prepare(IntPtr connection, string query, out IntPtr prepared);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_prepare_error(IntPtr prepared);

    [LibraryImport(Lib)]
    internal static partial void duckdb_destroy_prepare(ref IntPtr prepared);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_nparams(IntPtr prepared);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_param_logical_type(IntPtr prepared, ulong index);

    [LibraryImport(Lib)]
    internal static partial ulong duckdb_prepared_statement_column_count(IntPtr prepared);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_prepared_statement_column_name(IntPtr prepared, ulong index);

    [LibraryImport(Lib)]
    internal static partial IntPtr duckdb_prepared_statement_column_logical_type(IntPtr prepared, ulong index);

    [LibraryImport(Lib)]
    internal static partial int duckdb_prepared_statement_type(IntPtr prepared);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepSql.Udf.Engines.DuckDb;

public sealed partial class DuckDbEngine
{
    // Implicit cast cost of a named text type to VARCHAR: below every built-in implicit cast, so a function that
    // takes VARCHAR binds to the named type's values as it binds to VARCHAR's.
    private const long TextTypeCastCost = 1;

    private readonly HashSet<string> _textTypes = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    /// <remarks>
    /// DuckDB keeps the name as the VARCHAR type's alias; an implicit cast to VARCHAR (cost below every built-in one)
    /// lets functions that take VARCHAR bind to it. The type lives in DuckDB's system catalog, not in the database
    /// file; columns of it persist as VARCHAR carrying the name, and need the type registered again after a restart
    /// before functions bind to them.
    /// </remarks>
    public void RegisterTextType(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_rootLock)
        {
            if (!_textTypes.Add(name))
            {
                return;
            }

            var connection = _root.NativeConnection.DangerousGetHandle();
            var named = DuckDbNative.duckdb_create_logical_type((int)DuckDB.NET.Native.DuckDBType.Varchar);
            var plain = DuckDbNative.duckdb_create_logical_type((int)DuckDB.NET.Native.DuckDBType.Varchar);
            var cast = IntPtr.Zero;
            try
            {
                DuckDbNative.duckdb_logical_type_set_alias(named, name);
                if (DuckDbNative.duckdb_register_logical_type(connection, named, IntPtr.Zero) != 0)
                {
                    throw new EngineException(SqlStates.DuplicateObject, $"type \"{name}\" could not be registered with DuckDB");
                }

                cast = DuckDbNative.duckdb_create_cast_function();
                DuckDbNative.duckdb_cast_function_set_source_type(cast, named);
                DuckDbNative.duckdb_cast_function_set_target_type(cast, plain);
                DuckDbNative.duckdb_cast_function_set_implicit_cast_cost(cast, TextTypeCastCost);
                unsafe
                {
                    DuckDbNative.duckdb_cast_function_set_function(cast, &CopyText);
                }

                if (DuckDbNative.duckdb_register_cast_function(connection, cast) != 0)
                {
                    throw new EngineException(SqlStates.DuplicateObject, $"the cast of type \"{name}\" to VARCHAR could not be registered");
                }
            }
            catch
            {
                _textTypes.Remove(name);
                throw;
            }
            finally
            {
                if (cast != IntPtr.Zero)
                {
                    DuckDbNative.duckdb_destroy_cast_function(ref cast);
                }

                DuckDbNative.duckdb_destroy_logical_type(ref named);
                DuckDbNative.duckdb_destroy_logical_type(ref plain);
            }
        }
    }

    /// <summary>The cast of a named text type to VARCHAR: the same bytes (DuckDB hands over a flat vector).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe byte CopyText(IntPtr info, ulong count, IntPtr input, IntPtr output)
    {
        var source = (byte*)DuckDbNative.duckdb_vector_get_data(input);
        var validity = DuckDbNative.duckdb_vector_get_validity(input);
        for (ulong i = 0; i < count; i++)
        {
            if (validity != null && (validity[i / 64] & (1UL << (int)(i % 64))) == 0)
            {
                DuckDbNative.duckdb_vector_ensure_validity_writable(output);
                var target = DuckDbNative.duckdb_vector_get_validity(output);
                target[i / 64] &= ~(1UL << (int)(i % 64));
                continue;
            }

            // duckdb_string_t: length, then the bytes inline (up to 12) or a 4-byte prefix and a pointer
            var entry = source + (i * 16);
            var length = *(uint*)entry;
            var bytes = length <= 12 ? entry + 4 : *(byte**)(entry + 8);
            DuckDbNative.duckdb_vector_assign_string_element_len(output, i, bytes, length);
        }

        return 1;
    }
}

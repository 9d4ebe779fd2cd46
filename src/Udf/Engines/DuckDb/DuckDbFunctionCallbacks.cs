using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// The native entry points DuckDB calls for model functions. No exception may cross them: every failure is reported
/// through duckdb_scalar_function_(bind_)set_error with a "[SQLSTATE xxxxx]" tag that <see cref="DuckDbErrors"/> reads back.
/// </summary>
internal static unsafe class DuckDbFunctionCallbacks
{
    /// <summary>
    /// Bind: runs once per call site on the calling connection's thread. Records the calling connection id as bind
    /// data (id + 1, so it is never null) and refuses unregistered functions with 42883.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void Bind(IntPtr bindInfo)
    {
        try
        {
            var slot = Slot(DuckDbNative.duckdb_scalar_function_bind_get_extra_info(bindInfo));
            if (slot.Function is null)
            {
                DuckDbNative.duckdb_scalar_function_bind_set_error(bindInfo,
                    DuckDbErrors.Tag(SqlStates.UndefinedFunction, $"function {slot.Name} does not exist"));
                return;
            }

            DuckDbNative.duckdb_scalar_function_get_client_context(bindInfo, out var context);
            ulong connectionId;
            try
            {
                connectionId = DuckDbNative.duckdb_client_context_get_connection_id(context);
            }
            finally
            {
                DuckDbNative.duckdb_destroy_client_context(ref context);
            }

            DuckDbNative.duckdb_scalar_function_set_bind_data(bindInfo, (IntPtr)(long)(connectionId + 1), &DestroyNothing);
            DuckDbNative.duckdb_scalar_function_set_bind_data_copy(bindInfo, &CopyBindData);
        }
        catch (Exception ex)
        {
            DuckDbNative.duckdb_scalar_function_bind_set_error(bindInfo, DuckDbErrors.Tag(SqlStates.InternalError, ex.Message));
        }
    }

    /// <summary>The vectorized call: one DuckDB chunk (up to 2048 rows) in, one vector out.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void Invoke(IntPtr functionInfo, IntPtr input, IntPtr output)
    {
        try
        {
            var slot = Slot(DuckDbNative.duckdb_scalar_function_get_extra_info(functionInfo));
            var function = slot.Function;
            if (function is null)
            {
                DuckDbNative.duckdb_scalar_function_set_error(functionInfo,
                    DuckDbErrors.Tag(SqlStates.UndefinedFunction, $"function {slot.Name} does not exist"));
                return;
            }

            var connectionId = (ulong)(long)DuckDbNative.duckdb_scalar_function_get_bind_data(functionInfo) - 1;
            var session = slot.Engine.ContextFor(connectionId);
            if (session.StatementCancellation.IsCancellationRequested)
            {
                DuckDbNative.duckdb_scalar_function_set_error(functionInfo,
                    DuckDbErrors.Tag(SqlStates.QueryCanceled, "canceling statement due to user request"));
                return;
            }

            int rows = checked((int)DuckDbNative.duckdb_data_chunk_get_size(input));
            var arguments = new object?[function.Parameters.Count][];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = DuckDbVectors.Read(DuckDbNative.duckdb_data_chunk_get_vector(input, (ulong)i), function.Parameters[i], rows);
            }

            var results = function.Invoke(arguments, rows, session);
            if (results.Length != rows)
            {
                throw new EngineException(SqlStates.InternalError,
                    $"function {slot.Name} returned {results.Length} values for {rows} rows");
            }

            DuckDbVectors.Write(output, function.ReturnType, results, 0);
        }
        catch (EngineException ex)
        {
            DuckDbNative.duckdb_scalar_function_set_error(functionInfo, DuckDbErrors.Tag(ex.SqlState, ex.Message));
        }
        catch (OperationCanceledException)
        {
            DuckDbNative.duckdb_scalar_function_set_error(functionInfo,
                DuckDbErrors.Tag(SqlStates.QueryCanceled, "canceling statement due to user request"));
        }
        catch (Exception ex)
        {
            DuckDbNative.duckdb_scalar_function_set_error(functionInfo,
                DuckDbErrors.Tag(SqlStates.InternalError, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>Bind data is a plain integer, so a copy is the same value.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static IntPtr CopyBindData(IntPtr data) => data;

    /// <summary>Nothing to free: bind data is an integer, extra info a GCHandle the engine frees.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void DestroyNothing(IntPtr data)
    {
    }

    private static DuckDbEngine.FunctionSlot Slot(IntPtr handle) =>
        (DuckDbEngine.FunctionSlot)(GCHandle.FromIntPtr(handle).Target ?? throw new InvalidOperationException("function slot was freed"));
}

using System.Runtime.InteropServices;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;

namespace DeepSql.Udf.Engines.DuckDb;

public sealed partial class DuckDbEngine
{
    // name(signature) → slot. DuckDB cannot drop a C API function, so a slot lives as long as the engine; its
    // Function is swapped on re-registration and cleared on unregistration.
    private readonly Dictionary<string, FunctionSlot> _slots = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void RegisterFunction(ModelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = function.Name.ToLowerInvariant();
        var key = $"{name}({string.Join(",", function.Parameters)})";
        lock (_slots)
        {
            if (_slots.TryGetValue(key, out var existing))
            {
                if (existing.ReturnType != function.ReturnType.ToString())
                {
                    throw new EngineException(SqlStates.DuplicateObject,
                        $"function {key} already exists with return type {existing.ReturnType}");
                }

                existing.Function = function;
                return;
            }

            var slot = new FunctionSlot(this, name, function);
            RegisterNative(slot, function);
            _slots[key] = slot;
        }
    }

    /// <inheritdoc />
    public void UnregisterFunction(string name)
    {
        var lowered = name.ToLowerInvariant();
        lock (_slots)
        {
            foreach (var slot in _slots.Values)
            {
                if (slot.Name == lowered)
                {
                    slot.Function = null;
                }
            }
        }
    }

    /// <summary>The model functions registered now (not unregistered).</summary>
    public IReadOnlyList<ModelFunction> RegisteredFunctions()
    {
        lock (_slots)
        {
            return _slots.Values.Select(s => s.Function).OfType<ModelFunction>().ToArray();
        }
    }

    private unsafe void RegisterNative(FunctionSlot slot, ModelFunction function)
    {
        var native = DuckDbNative.duckdb_create_scalar_function();
        try
        {
            DuckDbNative.duckdb_scalar_function_set_name(native, slot.Name);
            foreach (var parameter in function.Parameters)
            {
                var type = DuckDbTypes.CreateLogicalType(parameter);
                DuckDbNative.duckdb_scalar_function_add_parameter(native, type);
                DuckDbNative.duckdb_destroy_logical_type(ref type);
            }

            var returnType = DuckDbTypes.CreateLogicalType(function.ReturnType);
            DuckDbNative.duckdb_scalar_function_set_return_type(native, returnType);
            DuckDbNative.duckdb_destroy_logical_type(ref returnType);

            // Volatile: DuckDB would otherwise fold a call on constant arguments while planning and then run it again,
            // so a model would run twice and report its notices twice.
            DuckDbNative.duckdb_scalar_function_set_volatile(native);

            // The slot's GCHandle is freed when the engine is disposed, after the database is closed.
            DuckDbNative.duckdb_scalar_function_set_extra_info(native, GCHandle.ToIntPtr(slot.Handle), &DuckDbFunctionCallbacks.DestroyNothing);
            DuckDbNative.duckdb_scalar_function_set_bind(native, &DuckDbFunctionCallbacks.Bind);
            DuckDbNative.duckdb_scalar_function_set_function(native, &DuckDbFunctionCallbacks.Invoke);
            int state;
            lock (_rootLock)
            {
                state = DuckDbNative.duckdb_register_scalar_function(_root.NativeConnection.DangerousGetHandle(), native);
            }

            if (state != 0)
            {
                slot.Handle.Free();
                throw new EngineException(SqlStates.DuplicateObject, $"function {slot.Name} could not be registered with DuckDB");
            }
        }
        finally
        {
            DuckDbNative.duckdb_destroy_scalar_function(ref native);
        }
    }

    private void FreeFunctionSlots()
    {
        lock (_slots)
        {
            foreach (var slot in _slots.Values)
            {
                slot.Function = null;
                if (slot.Handle.IsAllocated)
                {
                    slot.Handle.Free();
                }
            }

            _slots.Clear();
        }
    }

    /// <summary>One native registration: the engine, the SQL name and the implementation now behind it.</summary>
    internal sealed class FunctionSlot
    {
        public FunctionSlot(DuckDbEngine engine, string name, ModelFunction function)
        {
            Engine = engine;
            Name = name;
            ReturnType = function.ReturnType.ToString();
            Function = function;
            Handle = GCHandle.Alloc(this);
        }

        public DuckDbEngine Engine { get; }

        public string Name { get; }

        public string ReturnType { get; }

        public GCHandle Handle { get; }

        public volatile ModelFunction? Function;
    }
}

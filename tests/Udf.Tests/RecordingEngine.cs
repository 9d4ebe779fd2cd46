using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;

namespace DeepSql.Udf.Tests;

/// <summary>
/// Stands in for the query engine where only the function set matters: records RegisterFunction/UnregisterFunction.
/// Functions are invoked directly by the tests, with real ONNX Runtime sessions behind them.
/// </summary>
internal sealed class RecordingEngine : IQueryEngine
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ModelFunction> _functions = new(StringComparer.Ordinal);

    public string Name => "recording";

    public List<string> Log { get; } = [];

    public ModelFunction Function(string name)
    {
        lock (_lock)
        {
            return _functions[name];
        }
    }

    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_lock)
            {
                return _functions.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    public IEngineSession OpenSession(SessionContext context) => throw new NotSupportedException("no SQL in these tests");

    public void RegisterTextType(string name) => throw new NotSupportedException("no SQL in these tests");

    public void RegisterFunction(ModelFunction function)
    {
        lock (_lock)
        {
            _functions[function.Name] = function;
            Log.Add("+" + function.Name);
        }
    }

    public void UnregisterFunction(string name)
    {
        lock (_lock)
        {
            _functions.Remove(name);
            Log.Add("-" + name);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

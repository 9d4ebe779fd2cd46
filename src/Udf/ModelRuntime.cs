using System.Collections.Concurrent;
using DeepSql.Registry;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;
using DeepSql.Udf.Onnx;

namespace DeepSql.Udf;

/// <summary>Inference settings.</summary>
public sealed record RuntimeOptions
{
    /// <summary>ONNX Runtime intra-op threads; default = processor count.</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Rows per ONNX Runtime call when the session does not set deepsql.batch_size.</summary>
    public int DefaultBatchSize { get; init; } = 32;
}

/// <summary>Per-model counters for the admin page and /metrics.</summary>
public sealed record ModelStats(string Name, long Calls, long Rows, long Batches, long InvalidRows,
    double DecodeSeconds, double InferenceSeconds, string? LastError)
{
    /// <summary>
    /// Rows per ONNX Runtime run: non-cumulative counts per upper bound of <see cref="RunSizeBounds"/> (the last
    /// entry counts runs above the largest bound).
    /// </summary>
    public IReadOnlyList<long> RunSizeCounts { get; init; } = [];

    /// <summary>Rows fed to ONNX Runtime in all (NULL and undecodable rows are not fed).</summary>
    public long RunRows { get; init; }

    /// <summary>Upper bounds of the <see cref="RunSizeCounts"/> buckets.</summary>
    public static readonly IReadOnlyList<int> RunSizeBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];
}

/// <summary>
/// Keeps one ONNX Runtime session per current model version (loaded at registration or start-up, never on the first
/// query), turns registry entries into SQL functions and keeps the engine's function set in step with the store.
/// </summary>
public sealed partial class ModelRuntime : IDisposable
{
    private readonly ModelStore _store;
    private readonly IQueryEngine _engine;
    private readonly RuntimeOptions _options;
    private readonly Lock _sync = new();
    private readonly ConcurrentDictionary<string, ModelSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<ModelFunction>> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelCounters> _counters = new(StringComparer.Ordinal);
    private bool _started;
    private bool _disposed;

    /// <param name="store">The registry whose current versions are served.</param>
    /// <param name="engine">Where the functions are registered.</param>
    /// <param name="options">Threads and batch size.</param>
    public ModelRuntime(ModelStore store, IQueryEngine engine, RuntimeOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? new RuntimeOptions();
    }

    /// <summary>The ONNX Runtime-backed inspector the store validates with.</summary>
    public static IModelInspector CreateInspector() => new OrtModelInspector();

    /// <summary>Loads every current version and registers its functions in the engine. Call once at start.</summary>
    public void Start()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _started = true;
            _store.Changed += OnStoreChanged;
            foreach (var entry in _store.List())
            {
                Refresh(entry.Name);
            }
        }
    }

    /// <summary>The SQL functions of every loaded model.</summary>
    public IReadOnlyList<ModelFunction> Functions =>
        _functions.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();

    /// <summary>The version a model is served from now, or null when it is not loaded.</summary>
    public ModelVersion? LoadedVersion(string modelName) =>
        _sessions.TryGetValue(modelName, out var s) ? s.Version : null;

    /// <summary>Counters of one model.</summary>
    public ModelStats? GetStats(string modelName) =>
        _counters.TryGetValue(modelName, out var c) ? c.Snapshot(modelName) : null;

    /// <summary>
    /// Runs a model on a batch directly (admin "try it", /api/predict, training feature extraction).
    /// Rows: byte[] for image models, string for text models. Returns one output vector per row (null = bad/NULL row).
    /// </summary>
    public float[]?[] Run(string modelName, IReadOnlyList<object?> rows, SessionContext session) =>
        RunForFunction(modelName, modelName, rows, session).Vectors;

    /// <summary>Drops every session and stops following the store.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _store.Changed -= OnStoreChanged;
            foreach (var name in _sessions.Keys.ToList())
            {
                if (_sessions.TryRemove(name, out var s))
                {
                    s.Dispose();
                }
            }

            _functions.Clear();
        }
    }

    private void OnStoreChanged(ModelChange change)
    {
        lock (_sync)
        {
            if (!_disposed)
            {
                Refresh(change.Name);
            }
        }
    }

    // Caller holds _sync. Load first, then (re)register, then drop the old session (calls in flight keep it alive).
    private void Refresh(string name)
    {
        var counters = _counters.GetOrAdd(name, _ => new ModelCounters());
        try
        {
            if (!_store.TryResolve(name, out var version))
            {
                Remove(name);
                return;
            }

            if (_sessions.TryGetValue(name, out var loaded) && loaded.Version.Version == version!.Version && loaded.Version.Sha256 == version.Sha256)
            {
                return;
            }

            var fresh = ModelSession.Load(version!, _options);
            var functions = FunctionFamily.Create(this, version!);
            if (_functions.TryGetValue(name, out var previous))
            {
                foreach (var gone in previous.Where(p => functions.All(f => f.Name != p.Name)))
                {
                    _engine.UnregisterFunction(gone.Name);
                }
            }

            _sessions.TryGetValue(name, out var old);
            _sessions[name] = fresh;
            foreach (var function in functions)
            {
                _engine.RegisterFunction(function);
            }

            _functions[name] = functions;
            old?.Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never fail the registering thread: the version is durable, the old session (if any) keeps serving.
            counters.LastError = $"loading {name} failed: {e.Message}";
        }
    }

    private void Remove(string name)
    {
        if (_functions.TryRemove(name, out var functions))
        {
            foreach (var f in functions)
            {
                _engine.UnregisterFunction(f.Name);
            }
        }

        if (_sessions.TryRemove(name, out var old))
        {
            old.Dispose();
        }
    }
}

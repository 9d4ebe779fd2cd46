using DeepSql.Registry;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;

namespace DeepSql.Udf;

// CONTRACT STUB: the inference helper replaces the bodies; the public surface is agreed and others code against it.

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
    double DecodeSeconds, double InferenceSeconds, string? LastError);

/// <summary>
/// Keeps one ONNX Runtime session per current model version (loaded at registration or start-up, never on the first
/// query), turns registry entries into SQL functions and keeps the engine's function set in step with the store.
/// </summary>
public sealed class ModelRuntime : IDisposable
{
    public ModelRuntime(ModelStore store, IQueryEngine engine, RuntimeOptions options)
    {
        throw new NotImplementedException();
    }

    /// <summary>The ONNX Runtime-backed inspector the store validates with.</summary>
    public static IModelInspector CreateInspector() => throw new NotImplementedException();

    /// <summary>Loads every current version and registers its functions in the engine. Call once at start.</summary>
    public void Start() => throw new NotImplementedException();

    /// <summary>The SQL functions of every loaded model.</summary>
    public IReadOnlyList<ModelFunction> Functions => throw new NotImplementedException();

    /// <summary>Counters of one model.</summary>
    public ModelStats? GetStats(string modelName) => throw new NotImplementedException();

    /// <summary>
    /// Runs a model on a batch directly (admin "try it", /api/predict, training feature extraction).
    /// Rows: byte[] for image models, string for text models. Returns one output vector per row (null = bad/NULL row).
    /// </summary>
    public float[]?[] Run(string modelName, IReadOnlyList<object?> rows, SessionContext session) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}

using System.Collections.Concurrent;

namespace DeepSql.Udf.Onnx;

/// <summary>
/// Admits as many ONNX Runtime runs at once as the cores allow, given the intra-op threads each run uses.
/// The engine calls model functions from several worker threads at once (one DuckDB chunk each); unbounded, their
/// runs oversubscribe the cores (the total of intra-op threads stays at or under the core count this way).
/// Decoding is not gated, so one chunk decodes while another runs the network.
/// </summary>
internal static class InferenceGate
{
    private static readonly ConcurrentDictionary<int, SemaphoreSlim> s_gates = new();

    /// <summary>The gate for runs that use <paramref name="intraOpThreads"/> threads each.</summary>
    public static SemaphoreSlim For(int intraOpThreads)
    {
        var concurrent = Math.Max(1, Environment.ProcessorCount / Math.Max(1, intraOpThreads));
        return s_gates.GetOrAdd(concurrent, n => new SemaphoreSlim(n, n));
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DeepSql.Udf;

namespace DeepSql.Server.Observability;

/// <summary>
/// Counters for /metrics, fed by both front ends: queries by port and outcome, latency, result batch sizes and open
/// sessions. Model counters come from <see cref="ModelRuntime.GetStats"/> when the page is rendered. Thread-safe.
/// </summary>
public sealed class QueryMetrics
{
    /// <summary>Port label of the REST API.</summary>
    public const string HttpPort = "http";

    /// <summary>Port label of the Postgres wire protocol.</summary>
    public const string PgPort = "pg";

    private readonly ConcurrentDictionary<(string Port, string Outcome), StrongBox<long>> _queries = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram> _batchRows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _openSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<long>> _openSessionSources = new(StringComparer.Ordinal);
    private long _registrations;

    /// <summary>Counts one finished statement. <paramref name="outcome"/>: ok | error | cancelled.</summary>
    public void RecordQuery(string port, string outcome, double seconds)
    {
        Interlocked.Increment(ref _queries.GetOrAdd((port, outcome), _ => new StrongBox<long>()).Value);
        _latency.GetOrAdd(port, _ => new Histogram(Histogram.SecondsBuckets)).Observe(seconds);
    }

    /// <summary>Counts one batch of result rows sent to a client.</summary>
    public void RecordResultBatch(string port, int rows) =>
        _batchRows.GetOrAdd(port, _ => new Histogram(Histogram.RowBuckets)).Observe(rows);

    /// <summary>Counts one model registration through the API.</summary>
    public void RecordRegistration() => Interlocked.Increment(ref _registrations);

    /// <summary>One more open session on <paramref name="port"/>.</summary>
    public void SessionOpened(string port) => Interlocked.Increment(ref _openSessions.GetOrAdd(port, _ => new StrongBox<long>()).Value);

    /// <summary>One session fewer on <paramref name="port"/>.</summary>
    public void SessionClosed(string port) => Interlocked.Decrement(ref _openSessions.GetOrAdd(port, _ => new StrongBox<long>()).Value);

    /// <summary>Sets the open-session gauge of <paramref name="port"/> to a fixed value.</summary>
    public void SetOpenSessions(string port, long value) =>
        Interlocked.Exchange(ref _openSessions.GetOrAdd(port, _ => new StrongBox<long>()).Value, value);

    /// <summary>Reads the open-session gauge of <paramref name="port"/> from <paramref name="read"/> (e.g. PgServer.OpenSessions) at each scrape.</summary>
    public void SetOpenSessionsSource(string port, Func<long> read) => _openSessionSources[port] = read;

    /// <summary>Queries counted so far for a port and outcome.</summary>
    public long QueryCount(string port, string outcome) =>
        _queries.TryGetValue((port, outcome), out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Renders every metric, with per-model counters from <paramref name="models"/>.</summary>
    public string Render(IEnumerable<ModelStats> models)
    {
        var text = new PrometheusText();
        text.Family("deepsql_queries_total", "counter", "Statements finished, by front end and outcome.");
        foreach (var ((port, outcome), box) in _queries.OrderBy(k => k.Key.Port, StringComparer.Ordinal).ThenBy(k => k.Key.Outcome, StringComparer.Ordinal))
        {
            text.Sample("deepsql_queries_total", Interlocked.Read(ref box.Value), ("outcome", outcome), ("port", port));
        }

        text.Family("deepsql_query_duration_seconds", "histogram", "Statement latency from request to last row.");
        foreach (var (port, histogram) in _latency.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Histogram("deepsql_query_duration_seconds", histogram, ("port", port));
        }

        text.Family("deepsql_result_batch_rows", "histogram", "Rows per result batch sent to clients.");
        foreach (var (port, histogram) in _batchRows.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Histogram("deepsql_result_batch_rows", histogram, ("port", port));
        }

        text.Family("deepsql_open_sessions", "gauge", "Client sessions open now, by front end.");
        var ports = _openSessions.Keys.Union(_openSessionSources.Keys).Order(StringComparer.Ordinal);
        foreach (var port in ports)
        {
            var value = _openSessionSources.TryGetValue(port, out var read) ? read()
                : Interlocked.Read(ref _openSessions[port].Value);
            text.Sample("deepsql_open_sessions", value, ("port", port));
        }

        text.Family("deepsql_model_registrations_total", "counter", "Models registered through the REST API.");
        text.Sample("deepsql_model_registrations_total", Interlocked.Read(ref _registrations));

        var stats = models.OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
        ModelFamily(text, stats, "deepsql_model_calls_total", "counter", "Function calls (engine chunks) per model.", s => s.Calls);
        ModelFamily(text, stats, "deepsql_model_rows_total", "counter", "Rows run through each model.", s => s.Rows);
        ModelFamily(text, stats, "deepsql_model_batches_total", "counter", "ONNX Runtime calls per model.", s => s.Batches);
        ModelFamily(text, stats, "deepsql_model_invalid_rows_total", "counter", "Rows that could not be decoded, per model.", s => s.InvalidRows);
        ModelFamily(text, stats, "deepsql_model_rows_per_batch", "gauge", "Mean rows per ONNX Runtime call, per model.",
            s => s.Batches == 0 ? 0 : (double)s.Rows / s.Batches);
        text.Family("deepsql_model_batch_rows", "histogram", "Rows per ONNX Runtime call (sub-batch size), per model.");
        foreach (var s in stats)
        {
            if (s.RunSizeCounts.Count == 0)
            {
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < ModelStats.RunSizeBounds.Count; i++)
            {
                cumulative += s.RunSizeCounts[i];
                text.Sample("deepsql_model_batch_rows_bucket", cumulative,
                    ("model", s.Name), ("le", PrometheusText.Number(ModelStats.RunSizeBounds[i])));
            }

            cumulative += s.RunSizeCounts[^1];
            text.Sample("deepsql_model_batch_rows_bucket", cumulative, ("model", s.Name), ("le", "+Inf"));
            text.Sample("deepsql_model_batch_rows_sum", s.RunRows, ("model", s.Name));
            text.Sample("deepsql_model_batch_rows_count", s.Batches, ("model", s.Name));
        }

        ModelFamily(text, stats, "deepsql_model_decode_seconds_total", "counter", "Seconds spent decoding inputs, per model.", s => s.DecodeSeconds);
        ModelFamily(text, stats, "deepsql_model_inference_seconds_total", "counter", "Seconds spent in ONNX Runtime, per model.", s => s.InferenceSeconds);
        return text.ToString();
    }

    private static void ModelFamily(PrometheusText text, IReadOnlyList<ModelStats> stats, string name, string type, string help,
        Func<ModelStats, double> value)
    {
        text.Family(name, type, help);
        foreach (var s in stats)
        {
            text.Sample(name, value(s), ("model", s.Name));
        }
    }
}

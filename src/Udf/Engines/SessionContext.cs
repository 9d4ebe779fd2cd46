namespace DeepSql.Udf.Engines;

/// <summary>
/// What model functions need to know about the session whose statement calls them: its settings and a way
/// to send it notices. Thread-safe: functions run on engine worker threads.
/// </summary>
public sealed class SessionContext
{
    private readonly Lock _lock = new();
    private readonly List<string> _notices = [];

    /// <summary>Session id (the wire protocol's process id).</summary>
    public required int SessionId { get; init; }

    /// <summary>User name.</summary>
    public string User { get; init; } = "analyst";

    /// <summary><c>deepsql.strict</c>: undecodable input is an error (22P02) instead of NULL plus a notice.</summary>
    public volatile bool Strict;

    /// <summary><c>deepsql.batch_size</c>: rows per ONNX Runtime call (sub-batch of an engine chunk).</summary>
    public volatile int BatchSize = 32;

    /// <summary>Cancelled when the running statement is cancelled; replaced per statement by the engine session.</summary>
    public CancellationToken StatementCancellation { get; set; }

    /// <summary>Queues a NOTICE for the client; the wire layer drains these after (or while) a statement runs.</summary>
    public void Notice(string message)
    {
        lock (_lock)
        {
            _notices.Add(message);
        }
    }

    /// <summary>Takes the queued notices.</summary>
    public IReadOnlyList<string> DrainNotices()
    {
        lock (_lock)
        {
            if (_notices.Count == 0)
            {
                return [];
            }

            var copy = _notices.ToArray();
            _notices.Clear();
            return copy;
        }
    }
}

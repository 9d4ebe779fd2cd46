namespace DeepSql.Server.Observability;

/// <summary>A Prometheus histogram: cumulative bucket counts, a sum and a count. Thread-safe.</summary>
public sealed class Histogram(IReadOnlyList<double> upperBounds)
{
    private readonly double[] _bounds = [.. upperBounds];
    private readonly long[] _counts = new long[upperBounds.Count + 1];
    private readonly Lock _lock = new();
    private double _sum;
    private long _count;

    /// <summary>Latency buckets in seconds.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Row-count buckets for batches.</summary>
    public static readonly IReadOnlyList<double> RowBuckets = [1, 8, 32, 128, 512, 1024, 2048, 4096];

    /// <summary>Adds one observation.</summary>
    public void Observe(double value)
    {
        var index = 0;
        while (index < _bounds.Length && value > _bounds[index])
        {
            index++;
        }

        lock (_lock)
        {
            _counts[index]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>Cumulative counts per upper bound (the last is +Inf), the sum and the count, read together.</summary>
    public (IReadOnlyList<(double UpperBound, long Count)> Buckets, double Sum, long Count) Snapshot()
    {
        lock (_lock)
        {
            var buckets = new (double, long)[_counts.Length];
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                buckets[i] = (i < _bounds.Length ? _bounds[i] : double.PositiveInfinity, running);
            }

            return (buckets, _sum, _count);
        }
    }
}

using Xunit;

namespace DeepSql.Udf.Tests.Engines;

[CollectionDefinition(nameof(DuckDbStreamingTests), DisableParallelization = true)]
public sealed class DuckDbStreamingCollection;

/// <summary>Runs alone: it measures process memory, which tests running beside it would disturb.</summary>
[Collection(nameof(DuckDbStreamingTests))]
public sealed class DuckDbStreamingTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    [Fact]
    public void Ten_million_rows_stream_in_batches_with_bounded_memory()
    {
        using var session = fixture.Open();
        using var result = session.Execute("SELECT range AS n, 'row ' || range AS label FROM range(10000000)");
        Assert.True(result.ReturnsRows);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long processBefore = Environment.WorkingSet;
        long managedPeak = 0;
        long count = 0;
        long sum = 0;
        int batches = 0;
        while (result.TryReadBatch(4096, out var batch))
        {
            Assert.InRange(batch.Rows.Count, 1, 4096);
            foreach (var row in batch.Rows)
            {
                sum += (long)row[0]!;
            }

            count += batch.Rows.Count;
            if (++batches % 256 == 0)
            {
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        long processGrowth = Environment.WorkingSet - processBefore;
        Assert.Equal(10_000_000, count);
        Assert.Equal(49_999_995_000_000L, sum);
        Assert.True(batches >= 10_000_000 / 4096);
        Assert.True(managedPeak - managedBefore < 200L * 1024 * 1024, $"managed heap grew by {(managedPeak - managedBefore) >> 20} MB");
        Assert.True(processGrowth < 200L * 1024 * 1024, $"working set grew by {processGrowth >> 20} MB");
    }
}

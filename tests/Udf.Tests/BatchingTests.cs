using DeepSql.TestSupport;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests;

public sealed class BatchingTests : IDisposable
{
    private readonly RuntimeFixture _f = new();

    public BatchingTests() => _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());

    public void Dispose() => _f.Dispose();

    private static object?[] Reds(int n) => Enumerable.Range(0, n).Select(_ => (object?)TestImages.Solid(TestImages.Red, 8, 8)).ToArray();

    [Theory]
    [InlineData(70, 32, 3)]
    [InlineData(64, 32, 2)]
    [InlineData(5, 1, 5)]
    [InlineData(2048, 512, 4)]
    public void N_rows_take_ceil_N_over_batch_size_runs(int rows, int batchSize, int runs)
    {
        var result = _f.Invoke("predict_color", RuntimeFixture.Session(batchSize), Reds(rows));

        Assert.All(result, r => Assert.Equal("red", r));
        var stats = _f.Runtime.GetStats("predict_color")!;
        Assert.Equal((1, rows, runs, 0), (stats.Calls, stats.Rows, stats.Batches, stats.InvalidRows));
    }

    [Fact]
    public void Null_rows_give_null_without_a_notice_and_are_not_fed()
    {
        var session = RuntimeFixture.Session(4);
        object?[] rows = [null, TestImages.Solid(TestImages.Blue), null, null, null, null, null, null];

        Assert.Equal([null, "blue", null, null, null, null, null, null], _f.Invoke("predict_color", session, rows));
        Assert.Empty(session.DrainNotices());
        Assert.Equal(1, _f.Runtime.GetStats("predict_color")!.Batches); // the second sub-batch has no image: no Run
    }

    [Fact]
    public void Undecodable_rows_give_null_and_one_notice_per_call()
    {
        var session = RuntimeFixture.Session(4);
        var rows = Reds(10);
        rows[1] = TestImages.TruncatedJpeg();
        rows[5] = TestImages.RandomBytes();
        rows[9] = Array.Empty<byte>();

        var result = _f.Invoke("predict_color", session, rows);

        Assert.Equal([null, null, null], new[] { result[1], result[5], result[9] });
        Assert.Equal(7, result.Count(r => (string?)r == "red"));
        Assert.Equal(["predict_color: 3 of 10 rows could not be decoded as images and gave NULL"], session.DrainNotices());
        Assert.Equal(3, _f.Runtime.GetStats("predict_color")!.InvalidRows);
    }

    [Fact]
    public void Strict_mode_throws_22P02_naming_the_first_bad_row()
    {
        var rows = Reds(40);
        rows[36] = TestImages.RandomBytes();
        rows[38] = TestImages.TruncatedJpeg();

        var e = Assert.Throws<EngineException>(() => _f.Invoke("predict_color", RuntimeFixture.Session(16, strict: true), rows));

        Assert.Equal("22P02", e.SqlState);
        Assert.Contains("row 37", e.Message);
        Assert.Contains("not a decodable image", e.Message);
    }

    [Fact]
    public void A_cancelled_statement_stops_with_57014()
    {
        using var cts = new CancellationTokenSource();
        var session = RuntimeFixture.Session(8);
        session.StatementCancellation = cts.Token;
        cts.Cancel();

        var e = Assert.Throws<EngineException>(() => _f.Invoke("predict_color", session, Reds(20)));

        Assert.Equal("57014", e.SqlState);
        Assert.Equal("canceling statement due to user request", e.Message);
        Assert.Equal(0, _f.Runtime.GetStats("predict_color")!.Batches);
    }

    [Fact]
    public void Run_gives_one_vector_per_row_for_direct_calls()
    {
        var vectors = _f.Runtime.Run("predict_color", [TestImages.Solid(TestImages.Red), null, TestImages.RandomBytes()], RuntimeFixture.Session());

        Assert.Equal(3, vectors[0]!.Length);
        Assert.Null(vectors[1]);
        Assert.Null(vectors[2]);
    }

    [Fact]
    public void Calls_from_many_threads_give_the_right_answers()
    {
        var results = new object?[8][];
        Parallel.For(0, results.Length, i => results[i] = _f.Invoke("predict_color", RuntimeFixture.Session(3), Reds(10)));

        Assert.All(results, r => Assert.All(r, v => Assert.Equal("red", v)));
        Assert.Equal(8 * 4, _f.Runtime.GetStats("predict_color")!.Batches);
    }
}

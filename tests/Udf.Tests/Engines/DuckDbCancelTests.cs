using Xunit;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbCancelTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    private const string Endless = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";

    [Fact]
    public async Task Cancel_interrupts_a_running_query_with_57014_and_the_session_goes_on()
    {
        using var session = fixture.Open();
        var running = Task.Run(() => session.Rows(Endless));
        while (!running.IsCompleted)
        {
            session.Cancel();
            await Task.WhenAny(running, Task.Delay(20));
        }

        var error = await Assert.ThrowsAsync<EngineException>(() => running);
        Assert.Equal("57014", error.SqlState);
        Assert.Equal(3L, session.Scalar("SELECT count(*) FROM range(3)"));
    }

    [Fact]
    public async Task Cancelled_token_interrupts_a_model_function_that_watches_the_statement_token()
    {
        using var started = new ManualResetEventSlim();
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_wait", SqlType.Int32, SqlType.Int32, (v, s) =>
        {
            started.Set();
            s.StatementCancellation.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
            s.StatementCancellation.ThrowIfCancellationRequested();
            return v;
        }));
        using var session = fixture.Open();
        using var cts = new CancellationTokenSource();
        var running = Task.Run(() =>
        {
            using var result = session.Execute("SELECT fn_wait(range::INTEGER) FROM range(10)", null, cts.Token);
            while (result.TryReadBatch(100, out _))
            {
            }
        });
        started.Wait(TimeSpan.FromMinutes(1));
        cts.Cancel();
        var error = await Assert.ThrowsAsync<EngineException>(() => running);
        Assert.Equal("57014", error.SqlState);
        Assert.Equal(5, session.Scalar("SELECT 5"));
        Assert.False(session.Context.StatementCancellation.IsCancellationRequested);
    }

    [Fact]
    public async Task Cancel_of_a_session_reaches_a_running_model_function()
    {
        using var started = new ManualResetEventSlim();
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_wait2", SqlType.Int32, SqlType.Int32, (v, s) =>
        {
            started.Set();
            s.StatementCancellation.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
            s.StatementCancellation.ThrowIfCancellationRequested();
            return v;
        }));
        using var session = fixture.Open();
        var running = Task.Run(() => session.Rows("SELECT fn_wait2(range::INTEGER) FROM range(10)"));
        started.Wait(TimeSpan.FromMinutes(1));
        session.Cancel();
        Assert.Equal("57014", (await Assert.ThrowsAsync<EngineException>(() => running)).SqlState);
        Assert.Equal(6, session.Scalar("SELECT 6"));
    }

    [Fact]
    public void Cancel_between_batches_ends_a_streaming_result_with_57014()
    {
        using var session = fixture.Open();
        var result = session.Execute("SELECT * FROM range(10000000)");
        Assert.True(result.TryReadBatch(100, out _));
        session.Cancel();
        var error = Assert.Throws<EngineException>(() =>
        {
            while (result.TryReadBatch(100_000, out _))
            {
            }
        });
        Assert.Equal("57014", error.SqlState);
        result.Dispose();
        Assert.Equal(2, session.Scalar("SELECT 2"));
    }

    [Fact]
    public void Cancel_while_idle_does_not_affect_the_next_statement()
    {
        using var session = fixture.Open();
        session.Cancel();
        Assert.Equal(1, session.Scalar("SELECT 1"));
    }

    [Fact]
    public void An_already_cancelled_token_refuses_to_start()
    {
        using var session = fixture.Open();
        var error = Assert.Throws<EngineException>(() => session.Execute("SELECT 1", null, new CancellationToken(true)));
        Assert.Equal("57014", error.SqlState);
        Assert.Equal(1, session.Scalar("SELECT 1"));
    }
}

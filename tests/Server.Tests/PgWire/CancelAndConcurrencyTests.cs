using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class CancelAndConcurrencyTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Cancel_request_stops_a_running_statement_with_57014_and_the_session_stays_usable()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT wait_for_cancel(1)", connection);
        var started = Volatile.Read(ref WaitForCancelFunction.Started);
        var run = command.ExecuteScalarAsync();
        while (Volatile.Read(ref WaitForCancelFunction.Started) == started && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        command.Cancel();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => run);
        var postgres = error as PostgresException ?? error.InnerException as PostgresException;
        Assert.NotNull(postgres);
        Assert.Equal("57014", postgres.SqlState);

        await using var next = new NpgsqlCommand("SELECT 3", connection);
        Assert.Equal(3, await next.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Statement_timeout_cancels_with_57014()
    {
        var result = await Psql.RunAsync(fixture.Port, "SET statement_timeout = 200; SELECT wait_for_cancel(1); SELECT 'alive'");
        Assert.Contains("57014", result.Stderr);
        Assert.Contains("canceling statement due to statement timeout", result.Stderr);
    }

    [Fact]
    public async Task Fifty_concurrent_sessions_each_get_their_own_answer()
    {
        const int sessions = 50;
        var connections = await Task.WhenAll(Enumerable.Range(0, sessions).Select(_ => fixture.OpenAsync()));
        try
        {
            Assert.True(fixture.Server.OpenSessions >= sessions);
            var results = await Task.WhenAll(connections.Select(async (c, i) =>
            {
                await using var command = new NpgsqlCommand($"SELECT sum(x) FROM range({i + 1}) t(x)", c);
                return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }));
            for (var i = 0; i < sessions; i++)
            {
                Assert.Equal((long)i * (i + 1) / 2, results[i]);
            }
        }
        finally
        {
            foreach (var c in connections)
            {
                await c.DisposeAsync();
            }
        }
    }
}

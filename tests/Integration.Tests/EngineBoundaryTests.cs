using Npgsql;

namespace DeepSql.Integration.Tests;

/// <summary>What the engine refuses and how errors reach a real client: SQLSTATEs, and the session lives on.</summary>
[Collection("service")]
public sealed class EngineBoundaryTests(ServiceFixture service)
{
    [Theory]
    [InlineData("SELECT * FROM read_blob('/etc/passwd')")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')")]
    [InlineData("COPY (SELECT 1) TO '/tmp/deepsql-copy-test.csv'")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("ATTACH '/tmp/deepsql-attach-test.db' AS other")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET allowed_directories = ['/']")]
    public async Task File_access_outside_the_allowed_folders_is_refused(string sql)
    {
        await using var conn = await service.OpenAsync();
        var e = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        });
        Assert.False(string.IsNullOrWhiteSpace(e.MessageText));
        Assert.NotEqual("XX000", e.SqlState);
        Assert.False(File.Exists("/tmp/deepsql-copy-test.csv"));
        Assert.False(File.Exists("/tmp/deepsql-attach-test.db"));

        // The session is still usable.
        await using var ok = new NpgsqlCommand("SELECT 42", conn);
        Assert.Equal(42, Convert.ToInt32(await ok.ExecuteScalarAsync()));
    }

    [Theory]
    [InlineData("SELEC 1", "42601")]
    [InlineData("SELECT * FROM no_such_table", "42P01")]
    [InlineData("SELECT no_such_function(1)", "42883")]
    [InlineData("SELECT CAST('abc' AS INTEGER)", "22P02")]
    public async Task Errors_carry_their_sqlstate_and_the_session_survives(string sql, string sqlState)
    {
        await using var conn = await service.OpenAsync();
        var e = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteScalarAsync();
        });
        Assert.Equal(sqlState, e.SqlState);
        await using var ok = new NpgsqlCommand("SELECT 'still here'", conn);
        Assert.Equal("still here", await ok.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reading_the_allowed_data_folder_works()
    {
        await using var conn = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT count(*) FROM read_blob('{Path.Combine(service.DataDir, "samples")}/*')", conn);
        Assert.Equal(3L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Many_sessions_query_at_once()
    {
        var tasks = Enumerable.Range(0, 24).Select(async i =>
        {
            await using var conn = await service.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT sum(range) FROM range({i * 1000})", conn);
            var v = await cmd.ExecuteScalarAsync();
            return (i, v is DBNull ? 0m : Convert.ToDecimal(v));
        });
        foreach (var (i, sum) in await Task.WhenAll(tasks))
        {
            long n = i * 1000L;
            Assert.Equal(n * (n - 1) / 2, (long)sum);
        }
    }
}

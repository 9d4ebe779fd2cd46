using DeepSql.Server.Hosting;
using Npgsql;

namespace DeepSql.Clients.Tests;

/// <summary>
/// The real service, in-process on 127.0.0.1 with free ports and a fresh data folder, with the shipped models loaded
/// (featurize, embed). Shared by the "clients" collection; each test class uses table names of its own.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public DeepSqlHost Host { get; private set; } = null!;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "deepsql-clients-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port => Host.PgPort;

    /// <summary>Npgsql's defaults: full type loading at open, no Server Compatibility Mode.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=analyst;Database=deepsql;Pooling=false;Timeout=30;Command Timeout=120";

    /// <summary>For setup statements: no type loading, so a catalog gap fails only the tests that look at it.</summary>
    public string SetupConnectionString => ConnectionString + ";Server Compatibility Mode=NoTypeLoading";

    public async Task InitializeAsync()
    {
        Host = await DeepSqlHost.StartAsync(new ServiceOptions
        {
            PgPort = 0,
            HttpPort = 0,
            DataDir = DataDir,
            AdminToken = "clients-admin-token",
            FashionMnistDir = "/nonexistent",
            InferenceThreads = Environment.ProcessorCount,
        }, logging: b => b.AddFilter(_ => false));
        await Host.Ready.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(Host.Health.IsHealthy, $"the service did not become healthy: {Host.StartupError?.Message ?? "no startup error"}");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>psql -X against the service (no ~/.psqlrc), unaligned and quiet unless the arguments say otherwise.</summary>
    public ProcessResult Psql(params string[] args) =>
        Tools.Run(Tools.Psql, ["-X", "-h", "127.0.0.1", "-p", Port.ToString(), "-U", "analyst", "-d", "deepsql", .. args]);

    /// <summary>Runs statements through a fresh Npgsql connection (setup for a test class).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(SetupConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition("clients")]
public sealed class ClientsCollection : ICollectionFixture<ServiceFixture>, ICollectionFixture<PostgresFixture>
{
}

using System.Diagnostics;
using System.Net.Http.Headers;
using DeepSql.Server.Hosting;
using Npgsql;

namespace DeepSql.Integration.Tests;

/// <summary>
/// The real service, in-process, on 127.0.0.1 with free ports and a fresh data folder; shared by the tests of the
/// "service" collection. Tests that change models use names of their own.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public DeepSqlHost Host { get; private set; } = null!;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "deepsql-it-" + Guid.NewGuid().ToString("N")[..8]);

    public HttpClient Http { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Host.PgPort};Username=analyst;Database=deepsql;Pooling=false;Timeout=30;Command Timeout=300";

    public async Task InitializeAsync()
    {
        Host = await DeepSqlHost.StartAsync(new ServiceOptions
        {
            PgPort = 0,
            HttpPort = 0,
            DataDir = DataDir,
            AdminToken = "test-admin-token",
            FashionMnistDir = "/nonexistent", // the training tests load their own subset
            InferenceThreads = Environment.ProcessorCount,
            FilesDirs = Environment.GetEnvironmentVariable("DEEPSQL_TEST_PHOTOS") is { Length: > 0 } photos ? [photos] : [],
        }, logging: b => b.AddFilter(_ => false));
        await Host.Ready.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(Host.Health.IsHealthy, $"the service did not become healthy: {Host.StartupError}");
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Host.HttpPort}") };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Host.HttpPort}") };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-admin-token");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
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

    /// <summary>Runs psql as a process against the service; returns exit code, stdout and stderr.</summary>
    public (int ExitCode, string Stdout, string Stderr) Psql(params string[] args)
    {
        var psi = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", Host.PgPort.ToString(), "-U", "analyst", "-d", "deepsql", "-X" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PGCONNECT_TIMEOUT"] = "10";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("psql did not finish");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

[CollectionDefinition("service")]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
}

/// <summary>Where the test script put the real photographs (DEEPSQL_TEST_PHOTOS).</summary>
public static class Photos
{
    public static string Dir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("DEEPSQL_TEST_PHOTOS");
            if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
            {
                throw new InvalidOperationException(
                    "DEEPSQL_TEST_PHOTOS is not set to a folder of photographs: run the tests through ./test.sh");
            }

            return dir;
        }
    }

    public static string Path(string name) => System.IO.Path.Combine(Dir, name);
}

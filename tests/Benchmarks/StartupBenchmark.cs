using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DeepSql.Benchmarks;

/// <summary>
/// Time from process start to GET /health = 200, for a first start (fresh data folder: installs the shipped models)
/// and a restart on the same folder; the baseline is the same executable's time to print --help.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync()
    {
        var dll = FindServerDll();
        var data = Path.Combine(Path.GetTempPath(), "deepsql-startup-" + Environment.ProcessId);
        var sw = Stopwatch.StartNew();
        using (var help = Process.Start(new ProcessStartInfo("dotnet", [dll, "--help"]) { RedirectStandardOutput = true })!)
        {
            await help.StandardOutput.ReadToEndAsync();
            await help.WaitForExitAsync();
        }

        var helpSeconds = sw.Elapsed.TotalSeconds;
        var first = await TimeToHealthyAsync(dll, data);
        var second = await TimeToHealthyAsync(dll, data);
        Console.WriteLine($"process start → exit of --help (baseline): {helpSeconds:F2} s");
        Console.WriteLine($"process start → /health 200, first start (installs models): {first:F2} s");
        Console.WriteLine($"process start → /health 200, restart: {second:F2} s");
        Directory.Delete(data, recursive: true);
    }

    private static async Task<double> TimeToHealthyAsync(string dll, string data)
    {
        var pg = FreePort();
        var http = FreePort();
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(new ProcessStartInfo("dotnet",
            [dll, "--pg-port", pg.ToString(), "--http-port", http.ToString(), "--data-dir", data, "--fashion-mnist", "/nonexistent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            while (sw.Elapsed < TimeSpan.FromMinutes(3))
            {
                try
                {
                    using var r = await client.GetAsync($"http://127.0.0.1:{http}/health");
                    if (r.StatusCode == HttpStatusCode.OK)
                    {
                        return sw.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(25);
            }

            throw new TimeoutException("the service did not become healthy in 3 minutes");
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string FindServerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Service.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("run from inside the repository");
        }

        foreach (var config in new[] { "Release", "Debug" })
        {
            var dll = Path.Combine(dir.FullName, "src", "Server", "bin", config, "net10.0", "DeepSql.Server.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException("build src/Server first (dotnet build -c Release)");
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using DeepSql.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepSql.Benchmarks;

/// <summary>
/// Time for POST /api/query to return 100,000 rows as JSON, CSV and Arrow, against psql fetching the same rows over
/// the Postgres port, in the same run on the same service.
/// </summary>
public static class QueryFormatsBenchmark
{
    private const string Sql =
        "SELECT i, i * 0.5 AS half, 'row ' || i AS label, DATE '2024-01-01' + (i % 365)::INTEGER AS day FROM range(100000) t(i)";

    public static async Task RunAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "deepsql-bench-query-" + Environment.ProcessId);
        await using var host = await DeepSqlHost.StartAsync(new ServiceOptions
        {
            PgPort = 0,
            HttpPort = 0,
            DataDir = data,
            AdminToken = "bench",
            FashionMnistDir = "/nonexistent",
        }, logging: b => b.AddFilter(_ => false));
        await host.Ready;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}"), Timeout = TimeSpan.FromMinutes(5) };

        var psql = await TimeAsync(() => PsqlAsync(host.PgPort));
        Console.WriteLine($"psql over the Postgres port: {psql.Seconds:F3} s ({psql.Bytes / 1024} KiB)");
        foreach (var accept in new[] { "application/json", "text/csv", "application/vnd.apache.arrow.stream", "application/x-ndjson" })
        {
            await FetchAsync(http, accept); // warm-up
            var r = await TimeAsync(() => FetchAsync(http, accept));
            Console.WriteLine($"POST /api/query {accept,-38}: {r.Seconds:F3} s ({r.Bytes / 1024} KiB), ratio to psql {r.Seconds / psql.Seconds:F2}");
        }

        Directory.Delete(data, recursive: true);
    }

    private static async Task<(double Seconds, long Bytes)> TimeAsync(Func<Task<long>> run)
    {
        var best = double.MaxValue;
        long bytes = 0;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            bytes = await run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        return (best, bytes);
    }

    private static async Task<long> FetchAsync(HttpClient http, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/query")
        {
            Content = new StringContent($"{{\"sql\": \"{Sql.Replace("'", "'", StringComparison.Ordinal)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static async Task<long> PsqlAsync(int port)
    {
        var psi = new ProcessStartInfo("psql", ["-h", "127.0.0.1", "-p", port.ToString(), "-U", "analyst", "-X", "-A", "-t", "-c", Sql])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("psql failed: " + await p.StandardError.ReadToEndAsync());
        }

        var rows = stdout.Count(c => c == '\n');
        if (rows != 100000)
        {
            throw new InvalidOperationException($"psql returned {rows} rows");
        }

        return stdout.Length;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DeepSql.Server.Hosting;

namespace DeepSql.Integration.Tests;

/// <summary>The service executable, started as a user starts it, when it cannot start.</summary>
public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("--pg-port")]
    [InlineData("--http-port")]
    public async Task A_taken_port_is_a_one_line_error_and_exit_code_1(string option)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDir = Path.Combine(Path.GetTempPath(), "deepsql-port-" + Guid.NewGuid().ToString("N")[..8]);
        var other = option == "--pg-port" ? "--http-port" : "--pg-port";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                typeof(DeepSqlHost).Assembly.Location, option, port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                other, "0", "--data-dir", dataDir, "--fashion-mnist", "/nonexistent",
            },
        };
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);

            var error = await stderr;
            Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}\n{error}\n{await stdout}");
            Assert.Contains("deepsql: cannot start:", error, StringComparison.Ordinal);
            Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }
}

using System.Diagnostics;

namespace DeepSql.Server.Tests.Support;

/// <summary>Runs the real psql client against the test server.</summary>
public static class Psql
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>psql -X -A -t (unaligned, tuples only, quiet) with -c for each command, ON_ERROR_STOP off.</summary>
    public static async Task<Result> RunAsync(int port, string sql, string user = "analyst", string? password = null,
        bool tuplesOnly = true, string sslMode = "prefer")
    {
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-X", "-A", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", user, "-d", "deepsql", "-v", "ON_ERROR_STOP=0", "-v", "VERBOSITY=verbose" })
        {
            start.ArgumentList.Add(arg);
        }

        if (tuplesOnly)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add("-q");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(sql);
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        start.Environment["PGSSLMODE"] = sslMode;
        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        else
        {
            start.Environment.Remove("PGPASSWORD");
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, (await stdout).TrimEnd('\n'), (await stderr).TrimEnd('\n'));
    }
}

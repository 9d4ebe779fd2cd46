namespace DeepSql.Clients.Tests;

/// <summary>The "KEY|value|…" lines a Java/Python probe printed, with assertions that quote the whole output.</summary>
public sealed class ProbeOutput(string client, ProcessResult result)
{
    public string[] Lines { get; } = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<string> WithKey(string key) => Lines.Where(l => l.StartsWith(key + "|", StringComparison.Ordinal));

    /// <summary>Error lines of the probe, except those of the named steps (which expect one).</summary>
    public IEnumerable<string> UnexpectedErrors(params string[] expectedIn) =>
        WithKey("ERROR").Where(l => !expectedIn.Any(s => l.StartsWith($"ERROR|{s}|", StringComparison.Ordinal)));

    public void Has(string line) =>
        Assert.True(Lines.Contains(line), $"{client}: expected the line \"{line}\"\n{result}");

    public void Completed()
    {
        Assert.True(result.ExitCode == 0 && Lines.Contains("DONE"), $"{client} did not complete\n{result}");
    }

    public void NoErrorsBut(params string[] steps)
    {
        var errors = UnexpectedErrors(steps).ToList();
        Assert.True(errors.Count == 0, $"{client} steps failed:\n  {string.Join("\n  ", errors)}\n{result}");
    }

    public override string ToString() => result.ToString();
}

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

    /// <summary>
    /// Asserts that this output's lines of <paramref name="key"/> equal those <paramref name="postgres"/> printed
    /// (both after <paramref name="project"/>, when given), and that there are some; the message quotes both sides.
    /// </summary>
    public void SameAs(ProbeOutput postgres, string key, Func<string, string>? project = null)
    {
        postgres.Completed();
        project ??= l => l;
        var theirs = postgres.WithKey(key).Select(project).ToList();
        var mine = WithKey(key).Select(project).ToList();
        Assert.True(theirs.Count > 0, $"PostgreSQL 15 printed no {key} lines\n{postgres}");
        Assert.True(theirs.SequenceEqual(mine),
            $"{client} {key} lines differ\n--- PostgreSQL 15 ---\n{string.Join("\n", theirs)}\n--- service ---\n{string.Join("\n", mine)}");
    }

    public override string ToString() => result.ToString();
}

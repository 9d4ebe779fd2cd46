namespace DeepSql.Server.Hosting;

/// <summary>The sample photographs shipped with the service (see samples/README.md), copied into the data folder.</summary>
public static class SampleData
{
    /// <summary>Copies the shipped samples into <paramref name="target"/> unless it already exists.</summary>
    public static void EnsureSamples(string target)
    {
        if (Directory.Exists(target))
        {
            return;
        }

        var source = Path.Combine(AppContext.BaseDirectory, "samples");
        if (!Directory.Exists(source))
        {
            return;
        }

        // Copy into a temporary folder and rename it into place, so a crash never leaves half the samples.
        var temp = target + ".tmp-" + Environment.ProcessId;
        Directory.CreateDirectory(temp);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            if (Path.GetExtension(file) is ".md")
            {
                continue;
            }

            File.Copy(file, Path.Combine(temp, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Move(temp, target);
    }
}

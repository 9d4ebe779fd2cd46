namespace DeepSql.Server.PgWire.Catalog;

/// <summary>
/// The catalog's SQL scripts (sql/catalog/*.sql): embedded resources named <c>deepsql.catalog.&lt;file&gt;</c> when the
/// server project embeds them, otherwise read from a <c>sql/catalog</c> folder next to the binaries or above them
/// (the repository during development and tests).
/// </summary>
internal static class PgCatalogScripts
{
    private const string ResourcePrefix = "deepsql.catalog.";
    private const string SessionFile = "session.sql";
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    /// <summary>The per-session script, with {pid} and {user} placeholders.</summary>
    public static string Session => All.Value[SessionFile];

    /// <summary>The once-per-database scripts in file-name order (01_…, 02_…).</summary>
    public static IEnumerable<string> Database =>
        All.Value.Where(kv => kv.Key != SessionFile).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);

    private static Dictionary<string, string> Load()
    {
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        var assembly = typeof(PgCatalogScripts).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            scripts[name[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }

        if (scripts.Count == 0 && FindFolder() is { } folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.sql"))
            {
                scripts[Path.GetFileName(file)] = File.ReadAllText(file);
            }
        }

        if (!scripts.ContainsKey(SessionFile))
        {
            throw new InvalidOperationException(
                $"The catalog scripts (sql/catalog/*.sql) are neither embedded in {assembly.GetName().Name} nor found near {AppContext.BaseDirectory}.");
        }

        return scripts;
    }

    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "sql", "catalog");
            if (File.Exists(Path.Combine(candidate, SessionFile)))
            {
                return candidate;
            }
        }

        return null;
    }
}

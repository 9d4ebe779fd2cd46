using System.Text.Json;

namespace DeepSql.Registry;

/// <summary>
/// The embedded model registry under a folder: versions, manifests, aliases and validated ONNX files.
/// Writes are crash-safe (temp file + atomic rename); the store reloads its folder at start. Thread-safe.
/// </summary>
/// <remarks>
/// Layout: <c>{dir}/{name}/v{N}/model.onnx</c>, <c>manifest.json</c>, <c>version.json</c> and assets;
/// <c>{dir}/{name}/aliases.json</c>; <c>{dir}/{name}/highest_version.json</c> after the newest version was deleted. A version folder is written under a temp name and moved into place, so a
/// crash leaves either a whole version or a temp folder, which the next start deletes.
/// </remarks>
public sealed partial class ModelStore
{
    private const string StagingPrefix = ".staging-";
    private const string TempPrefix = ".tmp-";
    private const string HighestFile = "highest_version.json";

    private readonly string _directory;
    private readonly IModelInspector _inspector;
    private readonly Func<string, bool>? _isReservedName;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NameState> _names = new(StringComparer.Ordinal);

    /// <param name="directory">Folder holding the store (created if missing), e.g. {data-dir}/models.</param>
    /// <param name="inspector">Reads ONNX files (ONNX Runtime, in Udf).</param>
    /// <param name="isReservedName">True for names that would shadow a built-in SQL function.</param>
    public ModelStore(string directory, IModelInspector inspector, Func<string, bool>? isReservedName = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(inspector);
        _directory = Path.GetFullPath(directory);
        _inspector = inspector;
        _isReservedName = isReservedName;
        Directory.CreateDirectory(_directory);
        Load();
    }

    /// <summary>Raised after a change is durable (on the thread that made it).</summary>
    public event Action<ModelChange>? Changed;

    /// <summary>The folder the store lives in.</summary>
    public string DirectoryPath => _directory;

    /// <summary>Every name, ascending.</summary>
    public IReadOnlyList<ModelEntry> List()
    {
        lock (_lock)
        {
            return _names.Keys.Order(StringComparer.Ordinal).Select(n => _names[n].ToEntry(n)).ToList();
        }
    }

    /// <summary>One name with its versions and aliases.</summary>
    public bool TryGet(string name, out ModelEntry? entry)
    {
        lock (_lock)
        {
            entry = _names.TryGetValue(name, out var state) ? state.ToEntry(name) : null;
            return entry is not null;
        }
    }

    /// <summary>The version a name resolves to now (alias "current" if set, else newest).</summary>
    public bool TryResolve(string name, out ModelVersion? version)
    {
        lock (_lock)
        {
            version = _names.TryGetValue(name, out var state) ? state.Current : null;
            return version is not null;
        }
    }

    /// <summary>Parses manifest JSON (snake_case or camelCase fields, enums as in the docs: "embed_text").</summary>
    public static bool TryParseManifest(string json, out ModelManifest? manifest, out IReadOnlyList<ValidationProblem> problems)
        => ManifestJson.TryParse(json, out manifest, out problems);

    /// <summary>Serializes a manifest as the store writes it.</summary>
    public static string SerializeManifest(ModelManifest manifest) => ManifestJson.Serialize(manifest);

    private void OnChanged(ModelChange change) => Changed?.Invoke(change);

    private void Load()
    {
        foreach (var staging in Directory.EnumerateDirectories(_directory, StagingPrefix + "*"))
        {
            TryDeleteDirectory(staging);
        }

        foreach (var nameDir in Directory.EnumerateDirectories(_directory))
        {
            var name = Path.GetFileName(nameDir);
            if (!ManifestValidator.IsValidName(name))
            {
                continue;
            }

            foreach (var temp in Directory.EnumerateDirectories(nameDir, TempPrefix + "*"))
            {
                TryDeleteDirectory(temp);
            }

            var state = new NameState();
            foreach (var versionDir in Directory.EnumerateDirectories(nameDir, "v*"))
            {
                if (TryLoadVersion(name, versionDir, out var v))
                {
                    state.Versions.Add(v!);
                }
            }

            if (state.Versions.Count == 0)
            {
                continue;
            }

            state.Versions.Sort((a, b) => a.Version.CompareTo(b.Version));
            state.HighestVersion = state.Versions[^1].Version;
            var highestPath = Path.Combine(nameDir, HighestFile);
            if (File.Exists(highestPath) && int.TryParse(File.ReadAllText(highestPath), out var highest))
            {
                state.HighestVersion = Math.Max(state.HighestVersion, highest);
            }

            var aliasesPath = Path.Combine(nameDir, "aliases.json");
            if (File.Exists(aliasesPath))
            {
                try
                {
                    var aliases = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(aliasesPath)) ?? [];
                    foreach (var (alias, version) in aliases)
                    {
                        if (state.Versions.Any(x => x.Version == version))
                        {
                            state.Aliases[alias] = version;
                        }
                    }
                }
                catch (JsonException)
                {
                    // A corrupt aliases file cannot come from an atomic write; fall back to "newest".
                }
            }

            _names[name] = state;
        }
    }

    private static bool TryLoadVersion(string name, string dir, out ModelVersion? version)
    {
        version = null;
        if (!int.TryParse(Path.GetFileName(dir).AsSpan(1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }

        var onnx = Path.Combine(dir, "model.onnx");
        var manifestPath = Path.Combine(dir, "manifest.json");
        var infoPath = Path.Combine(dir, "version.json");
        if (!File.Exists(onnx) || !File.Exists(manifestPath) || !File.Exists(infoPath))
        {
            return false;
        }

        try
        {
            var info = JsonSerializer.Deserialize<VersionFile>(File.ReadAllText(infoPath), ManifestJson.Options);
            if (info is null || !TryParseManifest(File.ReadAllText(manifestPath), out var manifest, out _) || manifest!.Name != name)
            {
                return false;
            }

            version = new ModelVersion(name, number, info.Sha256, info.CreatedAt, info.SizeBytes, onnx, manifest,
                HasAssets(dir) ? dir : null);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasAssets(string dir) =>
        Directory.EnumerateFiles(dir).Any(f => Path.GetFileName(f) is not ("model.onnx" or "manifest.json" or "version.json"));

    private static void TryDeleteDirectory(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start; temp folders are ignored when loading.
        }
    }

    /// <summary>What version.json holds.</summary>
    private sealed record VersionFile(int Version, string Sha256, DateTimeOffset CreatedAt, long SizeBytes);

    private sealed class NameState
    {
        public List<ModelVersion> Versions { get; } = [];

        public Dictionary<string, int> Aliases { get; } = new(StringComparer.Ordinal);

        /// <summary>Highest number handed out in this process, so a deleted newest version's number is not reused.</summary>
        public int HighestVersion { get; set; }

        public ModelVersion Current =>
            Aliases.TryGetValue("current", out var pinned) && Versions.Find(v => v.Version == pinned) is { } v ? v : Versions[^1];

        public ModelEntry ToEntry(string name) =>
            new(name, Versions.ToArray(), Current, new Dictionary<string, int>(Aliases, StringComparer.Ordinal));
    }
}

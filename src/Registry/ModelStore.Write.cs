using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DeepSql.Registry;

public sealed partial class ModelStore
{
    /// <summary>
    /// Validates and stores a new version. Nothing is stored when any problem is found.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="onnx">The ONNX file's bytes.</param>
    /// <param name="assets">Extra files to keep with the version (file name → bytes), e.g. vocab.txt.</param>
    /// <param name="replace">False: refuse with code "duplicate_name" when the name exists (CREATE MODEL without OR REPLACE).</param>
    public RegistrationResult Register(ModelManifest manifest, Stream onnx,
        IReadOnlyDictionary<string, byte[]>? assets = null, bool replace = true)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(onnx);
        var problems = ManifestValidator.CheckManifest(manifest, _isReservedName, assets);
        if (!replace && TryGet(manifest.Name, out _))
        {
            problems.Add(new("name", $"a model named '{manifest.Name}' already exists", "duplicate_name"));
        }

        if (problems.Count > 0)
        {
            return new RegistrationResult(null, problems);
        }

        // Stage the whole version folder first; the inspector needs a file and nothing is visible until the move.
        var staging = Path.Combine(_directory, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var onnxPath = Path.Combine(staging, "model.onnx");
            string sha;
            long size;
            using (var fs = new FileStream(onnxPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = onnx.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    fs.Write(buffer, 0, read);
                }

                fs.Flush(flushToDisk: true);
                size = fs.Length;
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (size == 0)
            {
                problems.Add(new("model", "the ONNX file is empty", "invalid_model"));
            }
            else if (!_inspector.TryInspect(onnxPath, out var graph, out var error))
            {
                problems.Add(new("model", $"not a loadable ONNX model: {error}", "invalid_model"));
            }
            else
            {
                problems.AddRange(ManifestValidator.CheckGraph(manifest, graph!));
            }

            if (problems.Count > 0)
            {
                return new RegistrationResult(null, problems);
            }

            AtomicFile.WriteDurable(Path.Combine(staging, "manifest.json"), Encoding.UTF8.GetBytes(SerializeManifest(manifest)));
            foreach (var (file, bytes) in assets ?? new Dictionary<string, byte[]>())
            {
                AtomicFile.WriteDurable(Path.Combine(staging, file), bytes);
            }

            ModelVersion stored;
            ModelChangeKind kind;
            lock (_lock)
            {
                var exists = _names.TryGetValue(manifest.Name, out var state);
                if (!replace && exists)
                {
                    return new RegistrationResult(null, [new("name", $"a model named '{manifest.Name}' already exists", "duplicate_name")]);
                }

                state ??= new NameState();
                var number = Math.Max(state.HighestVersion, state.Versions.Count == 0 ? 0 : state.Versions[^1].Version) + 1;
                var createdAt = DateTimeOffset.UtcNow;
                var info = new VersionFile(number, sha, createdAt, size);
                AtomicFile.WriteDurable(Path.Combine(staging, "version.json"),
                    JsonSerializer.SerializeToUtf8Bytes(info, ManifestJson.Options));
                AtomicFile.FlushDirectory(staging);

                var nameDir = Path.Combine(_directory, manifest.Name);
                Directory.CreateDirectory(nameDir);
                var finalDir = Path.Combine(nameDir, "v" + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (Directory.Exists(finalDir))
                {
                    // A folder from a version deleted before a restart; it is not loaded, so it can go.
                    Directory.Delete(finalDir, recursive: true);
                }

                // Move into {name}/ under a temp name first, then rename in place: both renames stay in one folder tree.
                var temp = Path.Combine(nameDir, TempPrefix + "v" + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.Move(staging, temp);
                Directory.Move(temp, finalDir);
                AtomicFile.FlushDirectory(nameDir);
                AtomicFile.FlushDirectory(_directory);

                stored = new ModelVersion(manifest.Name, number, sha, createdAt, size, Path.Combine(finalDir, "model.onnx"),
                    manifest, assets is { Count: > 0 } ? finalDir : null);
                state.Versions.Add(stored);
                state.HighestVersion = number;
                _names[manifest.Name] = state;
                kind = exists ? ModelChangeKind.Updated : ModelChangeKind.Added;
            }

            OnChanged(new ModelChange(manifest.Name, kind));
            return new RegistrationResult(stored, []);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                TryDeleteDirectory(staging);
            }
        }
    }

    /// <summary>Points an alias at a version; "current" decides what the name resolves to.</summary>
    public bool SetAlias(string name, string alias, int version, out string? error)
    {
        if (!ManifestValidator.IsValidName(alias))
        {
            error = $"alias '{alias}' is not a valid identifier";
            return false;
        }

        lock (_lock)
        {
            if (!_names.TryGetValue(name, out var state))
            {
                error = $"no model named '{name}'";
                return false;
            }

            if (!state.Versions.Any(v => v.Version == version))
            {
                error = $"model '{name}' has no version {version}; it has {string.Join(", ", state.Versions.Select(v => v.Version))}";
                return false;
            }

            var aliases = new Dictionary<string, int>(state.Aliases, StringComparer.Ordinal) { [alias] = version };
            WriteAliases(name, aliases);
            state.Aliases[alias] = version;
        }

        error = null;
        OnChanged(new ModelChange(name, ModelChangeKind.Updated));
        return true;
    }

    /// <summary>Deletes one version, or the whole name when <paramref name="version"/> is null.</summary>
    public bool Delete(string name, int? version = null)
    {
        ModelChangeKind kind;
        lock (_lock)
        {
            if (!_names.TryGetValue(name, out var state))
            {
                return false;
            }

            var nameDir = Path.Combine(_directory, name);
            if (version is null || (state.Versions.Count == 1 && state.Versions[0].Version == version))
            {
                // Rename away first so a crash mid-delete leaves a temp folder, not half a model.
                var doomed = Path.Combine(_directory, StagingPrefix + Guid.NewGuid().ToString("N"));
                Directory.Move(nameDir, doomed);
                AtomicFile.FlushDirectory(_directory);
                TryDeleteDirectory(doomed);
                _names.Remove(name);
                kind = ModelChangeKind.Removed;
            }
            else
            {
                var v = state.Versions.Find(x => x.Version == version);
                if (v is null)
                {
                    return false;
                }

                var aliases = state.Aliases.Where(a => a.Value != version).ToDictionary(StringComparer.Ordinal);
                if (aliases.Count != state.Aliases.Count)
                {
                    WriteAliases(name, aliases);
                    state.Aliases.Clear();
                    foreach (var (k, n) in aliases)
                    {
                        state.Aliases[k] = n;
                    }
                }

                var doomed = Path.Combine(nameDir, TempPrefix + "del-" + Guid.NewGuid().ToString("N"));
                Directory.Move(Path.GetDirectoryName(v.OnnxPath)!, doomed);
                AtomicFile.FlushDirectory(nameDir);
                TryDeleteDirectory(doomed);
                state.Versions.Remove(v);
                state.HighestVersion = Math.Max(state.HighestVersion, v.Version);
                if (v.Version > state.Versions[^1].Version)
                {
                    // The newest folder is gone; remember its number so it is never handed out again.
                    AtomicFile.Replace(Path.Combine(nameDir, HighestFile), JsonSerializer.SerializeToUtf8Bytes(state.HighestVersion));
                }

                kind = ModelChangeKind.Updated;
            }
        }

        OnChanged(new ModelChange(name, kind));
        return true;
    }

    private void WriteAliases(string name, Dictionary<string, int> aliases) =>
        AtomicFile.Replace(Path.Combine(_directory, name, "aliases.json"), JsonSerializer.SerializeToUtf8Bytes(aliases));
}

namespace DeepSql.Registry;

// CONTRACT STUB: the inference helper replaces the bodies; the public surface is agreed and others code against it.

/// <summary>
/// The embedded model registry under a folder: versions, manifests, aliases and validated ONNX files.
/// Writes are crash-safe (temp file + atomic rename); the store reloads its folder at start. Thread-safe.
/// </summary>
public sealed class ModelStore
{
    /// <param name="directory">Folder holding the store (created if missing), e.g. {data-dir}/models.</param>
    /// <param name="inspector">Reads ONNX files (ONNX Runtime, in Udf).</param>
    /// <param name="isReservedName">True for names that would shadow a built-in SQL function.</param>
    public ModelStore(string directory, IModelInspector inspector, Func<string, bool>? isReservedName = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>Raised after a change is durable (on the thread that made it).</summary>
    public event Action<ModelChange>? Changed;

    /// <summary>Every name, ascending.</summary>
    public IReadOnlyList<ModelEntry> List() => throw new NotImplementedException();

    /// <summary>One name with its versions and aliases.</summary>
    public bool TryGet(string name, out ModelEntry? entry) => throw new NotImplementedException();

    /// <summary>The version a name resolves to now (alias "current" if set, else newest).</summary>
    public bool TryResolve(string name, out ModelVersion? version) => throw new NotImplementedException();

    /// <summary>
    /// Validates and stores a new version. Nothing is stored when any problem is found.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="onnx">The ONNX file's bytes.</param>
    /// <param name="assets">Extra files to keep with the version (file name → bytes), e.g. vocab.txt.</param>
    /// <param name="replace">False: refuse with code "duplicate_name" when the name exists (CREATE MODEL without OR REPLACE).</param>
    public RegistrationResult Register(ModelManifest manifest, Stream onnx,
        IReadOnlyDictionary<string, byte[]>? assets = null, bool replace = true) => throw new NotImplementedException();

    /// <summary>Points an alias at a version; "current" decides what the name resolves to.</summary>
    public bool SetAlias(string name, string alias, int version, out string? error) => throw new NotImplementedException();

    /// <summary>Deletes one version, or the whole name when <paramref name="version"/> is null.</summary>
    public bool Delete(string name, int? version = null) => throw new NotImplementedException();

    /// <summary>Parses manifest JSON (snake_case or camelCase fields, enums as in the docs: "embed_text").</summary>
    public static bool TryParseManifest(string json, out ModelManifest? manifest, out IReadOnlyList<ValidationProblem> problems)
        => throw new NotImplementedException();

    /// <summary>Serializes a manifest as the store writes it.</summary>
    public static string SerializeManifest(ModelManifest manifest) => throw new NotImplementedException();

    private void OnChanged(ModelChange change) => Changed?.Invoke(change);
}

namespace DeepSql.Registry;

/// <summary>One stored, validated registration of a model. Immutable.</summary>
/// <param name="Name">Function name.</param>
/// <param name="Version">1, 2, … per name.</param>
/// <param name="Sha256">Lower-case hex digest of the ONNX file.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="SizeBytes">Size of the ONNX file.</param>
/// <param name="OnnxPath">Absolute path of the stored ONNX file.</param>
/// <param name="Manifest">The manifest it was registered with.</param>
/// <param name="AssetDirectory">Folder holding extra files stored with the version (e.g. vocab.txt), or null.</param>
public sealed record ModelVersion(
    string Name,
    int Version,
    string Sha256,
    DateTimeOffset CreatedAt,
    long SizeBytes,
    string OnnxPath,
    ModelManifest Manifest,
    string? AssetDirectory);

/// <summary>A name in the registry: its versions and aliases.</summary>
/// <param name="Name">Function name.</param>
/// <param name="Versions">Ascending by version.</param>
/// <param name="Current">The version the name resolves to: the alias "current" if set, else the newest.</param>
/// <param name="Aliases">Alias name → version.</param>
public sealed record ModelEntry(
    string Name,
    IReadOnlyList<ModelVersion> Versions,
    ModelVersion Current,
    IReadOnlyDictionary<string, int> Aliases);

/// <summary>What changed in the registry; raised after the change is durable.</summary>
/// <param name="Name">The function name concerned.</param>
/// <param name="Kind">Added (first version), Updated (new version or alias), Removed (name gone).</param>
public sealed record ModelChange(string Name, ModelChangeKind Kind);

/// <summary>Kinds of <see cref="ModelChange"/>.</summary>
public enum ModelChangeKind
{
    /// <summary>A name appeared.</summary>
    Added,

    /// <summary>A name now resolves to another version.</summary>
    Updated,

    /// <summary>A name is gone.</summary>
    Removed,
}

/// <summary>Outcome of a registration: the stored version, or the problems that kept it from being stored.</summary>
public sealed record RegistrationResult(ModelVersion? Stored, IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>True when the version was stored.</summary>
    public bool Succeeded => Stored is not null;
}

/// <summary>One reason a registration was refused.</summary>
/// <param name="Field">Manifest field it concerns, as a JSON path ("input.width", "labels", "name", "model").</param>
/// <param name="Message">What is wrong, naming the mismatch.</param>
/// <param name="Code">Short stable code, e.g. "duplicate_name", "tensor_not_found", "shape_mismatch".</param>
public sealed record ValidationProblem(string Field, string Message, string Code);

using System.Text.Json;
using DeepSql.Registry;
using DeepSql.Udf;

namespace DeepSql.Server.Http;

/// <summary>One stored version as the API shows it.</summary>
public sealed record ModelVersionDto(string Name, int Version, string Sha256, DateTimeOffset CreatedAt, long SizeBytes,
    JsonElement Manifest, IReadOnlyList<string> Assets)
{
    internal static ModelVersionDto From(ModelVersion v) => new(v.Name, v.Version, v.Sha256, v.CreatedAt, v.SizeBytes,
        ManifestJson(v.Manifest), AssetsOf(v));

    internal static JsonElement ManifestJson(ModelManifest manifest)
    {
        using var document = JsonDocument.Parse(ModelStore.SerializeManifest(manifest));
        return document.RootElement.Clone();
    }

    // the version folder holds the store's own files next to the assets (layout documented on ModelStore)
    private static IReadOnlyList<string> AssetsOf(ModelVersion v) =>
        v.AssetDirectory is { } dir && Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir).Select(Path.GetFileName).OfType<string>()
                .Where(f => f is not ("model.onnx" or "manifest.json" or "version.json") && !f.StartsWith('.'))
                .Order(StringComparer.Ordinal).ToArray()
            : [];
}

/// <summary>Counters of one model.</summary>
public sealed record ModelStatsDto(long Calls, long Rows, long Batches, long InvalidRows, double DecodeSeconds,
    double InferenceSeconds, string? LastError)
{
    internal static ModelStatsDto? From(ModelStats? s) => s is null ? null
        : new(s.Calls, s.Rows, s.Batches, s.InvalidRows, s.DecodeSeconds, s.InferenceSeconds, s.LastError);
}

/// <summary>A row of the model list.</summary>
public sealed record ModelSummaryDto(string Name, string Task, int CurrentVersion, int Versions,
    IReadOnlyDictionary<string, int> Aliases, string Input, string Output, string? Description, long SizeBytes,
    string Sha256, DateTimeOffset CreatedAt, ModelStatsDto? Stats)
{
    internal static ModelSummaryDto From(ModelEntry e, ModelRuntime? runtime)
    {
        var c = e.Current;
        return new(e.Name, TaskName(c.Manifest.Task), c.Version, e.Versions.Count, e.Aliases, DescribeInput(c.Manifest.Input),
            DescribeOutput(c.Manifest), c.Manifest.Description, c.SizeBytes, c.Sha256, c.CreatedAt,
            ModelStatsDto.From(runtime?.GetStats(e.Name)));
    }

    internal static string TaskName(ModelTask task) => task switch
    {
        ModelTask.Classify => "classify",
        ModelTask.Featurize => "featurize",
        ModelTask.EmbedText => "embed_text",
        _ => task.ToString().ToLowerInvariant(),
    };

    internal static string DescribeInput(InputSpec i) => i.Kind == "text"
        ? $"text → {i.Tensor} ({i.Tokenizer ?? "tokenizer?"}, ≤{i.MaxTokens} tokens)"
        : $"image {i.Width}×{i.Height} {i.Channels} {i.Layout} {i.Resize} → {i.Tensor}";

    internal static string DescribeOutput(ModelManifest m) => m.Labels is { Count: > 0 } labels
        ? $"{m.Output.Tensor} ({labels.Count} labels)"
        : m.Output.Tensor;
}

/// <summary>One name with everything about it.</summary>
public sealed record ModelDetailDto(string Name, string Task, int CurrentVersion, IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<ModelVersionDto> Versions, JsonElement Manifest, JsonElement? Lineage, ModelStatsDto? Stats)
{
    internal static ModelDetailDto From(ModelEntry e, ModelRuntime? runtime) => new(e.Name,
        ModelSummaryDto.TaskName(e.Current.Manifest.Task), e.Current.Version, e.Aliases,
        e.Versions.Select(ModelVersionDto.From).ToArray(), ModelVersionDto.ManifestJson(e.Current.Manifest),
        e.Current.Manifest.Lineage, ModelStatsDto.From(runtime?.GetStats(e.Name)));
}

/// <summary>Body of PUT /api/models/{name}/aliases/{alias}.</summary>
public sealed record AliasRequest(int Version);

/// <summary>What POST /api/models/inspect found in a file.</summary>
public sealed record InspectResponse(IReadOnlyList<TensorInfo> Inputs, IReadOnlyList<TensorInfo> Outputs,
    IReadOnlyCollection<string> Initializers, long SizeBytes);

/// <summary>The parts of a POST /api/models upload (documents the multipart body; the endpoint streams it itself).</summary>
/// <param name="Model">The ONNX file.</param>
/// <param name="Manifest">The manifest JSON (a file or a text field).</param>
/// <param name="Replace">"false": refuse when the name exists (409); default true adds a version.</param>
/// <param name="Assets">Any other file parts are kept with the version under their file name (e.g. vocab.txt).</param>
public sealed record ModelUploadForm(IFormFile Model, string Manifest, bool? Replace, IFormFileCollection? Assets);

/// <summary>The part of a POST /api/models/inspect upload (or send the file as the raw body).</summary>
/// <param name="Model">The ONNX file.</param>
public sealed record InspectForm(IFormFile Model);

using System.Text.RegularExpressions;

namespace DeepSql.Registry;

/// <summary>
/// Checks a manifest on its own (names, enumerations, counts) and against the graph an inspector read.
/// Every problem names the manifest field and the mismatch.
/// </summary>
public static partial class ManifestValidator
{
    /// <summary>Names of the extra graph inputs a text model may have besides the token ids.</summary>
    public static readonly IReadOnlyList<string> TextSideInputs = ["attention_mask", "token_type_ids"];

    /// <summary>Files a registration may not use as asset names.</summary>
    private static readonly string[] s_reservedFiles = ["model.onnx", "manifest.json", "version.json", "aliases.json"];

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    /// <summary>True for a valid model/function name: [a-z_][a-z0-9_]*, at most 63 characters.</summary>
    public static bool IsValidName(string name) => name.Length is > 0 and <= 63 && IdentifierRegex().IsMatch(name);

    /// <summary>The SQL functions a manifest becomes: name, plus name_topk and name_scores for classify.</summary>
    public static IReadOnlyList<string> FunctionNames(string name, ModelTask task) =>
        task == ModelTask.Classify ? [name, name + "_topk", name + "_scores"] : [name];

    /// <summary>Checks that do not need the graph.</summary>
    public static List<ValidationProblem> CheckManifest(ModelManifest m, Func<string, bool>? isReservedName,
        IReadOnlyDictionary<string, byte[]>? assets)
    {
        var p = new List<ValidationProblem>();
        if (!IsValidName(m.Name))
        {
            p.Add(new("name", $"'{m.Name}' is not a valid SQL identifier: use [a-z_][a-z0-9_]*, at most 63 characters", "invalid_name"));
        }
        else
        {
            if (m.Name.EndsWith("_topk", StringComparison.Ordinal) || m.Name.EndsWith("_scores", StringComparison.Ordinal))
            {
                p.Add(new("name", $"'{m.Name}' ends in _topk or _scores, which are reserved for the functions of classify models", "reserved_name"));
            }

            foreach (var fn in FunctionNames(m.Name, m.Task))
            {
                if (isReservedName?.Invoke(fn) == true)
                {
                    p.Add(new("name", $"'{fn}' would shadow a built-in SQL function", "reserved_name"));
                }
            }
        }

        var input = m.Input;
        if (m.Task == ModelTask.EmbedText)
        {
            if (input.Kind != "text")
            {
                p.Add(new("input.kind", $"embed_text needs input.kind \"text\", not \"{input.Kind}\"", "invalid_value"));
            }

            if (input.Tokenizer != "bert-wordpiece-lower")
            {
                p.Add(new("input.tokenizer", $"unknown tokenizer '{input.Tokenizer}'; expected \"bert-wordpiece-lower\"", "invalid_value"));
            }
            else if (assets is null || !assets.ContainsKey("vocab.txt"))
            {
                p.Add(new("input.tokenizer", "bert-wordpiece-lower needs the vocabulary as asset vocab.txt", "missing_asset"));
            }

            if (input.MaxTokens is < 2 or > 8192)
            {
                p.Add(new("input.max_tokens", $"max_tokens {input.MaxTokens} is out of range 2..8192", "invalid_value"));
            }

            if (m.Output.Pooling is not (null or "none" or "mean" or "cls"))
            {
                p.Add(new("output.pooling", $"unknown pooling '{m.Output.Pooling}'; expected mean, cls or none", "invalid_value"));
            }
        }
        else
        {
            CheckImageInput(input, p);
        }

        if (m.Task == ModelTask.Classify)
        {
            if (m.Labels is not { Count: > 0 })
            {
                p.Add(new("labels", "classify needs labels, one per class", "missing_field"));
            }
            else if (m.Labels.Distinct(StringComparer.Ordinal).Count() != m.Labels.Count)
            {
                p.Add(new("labels", "labels must be distinct", "invalid_value"));
            }

            if (m.Output.Activation is not (null or "none" or "softmax"))
            {
                p.Add(new("output.activation", $"unknown activation '{m.Output.Activation}'; expected softmax or none", "invalid_value"));
            }
        }

        foreach (var file in assets?.Keys ?? [])
        {
            if (file.Length == 0 || file.IndexOfAny(['/', '\\']) >= 0 || file.StartsWith('.') || s_reservedFiles.Contains(file))
            {
                p.Add(new("assets", $"asset name '{file}' is not allowed", "invalid_value"));
            }
        }

        return p;
    }

    private static void CheckImageInput(InputSpec input, List<ValidationProblem> p)
    {
        if (input.Kind != "image")
        {
            p.Add(new("input.kind", $"image models need input.kind \"image\", not \"{input.Kind}\"", "invalid_value"));
        }

        if (input.Width is <= 0 or > 8192)
        {
            p.Add(new("input.width", $"width {input.Width} must be 1..8192", "invalid_value"));
        }

        if (input.Height is <= 0 or > 8192)
        {
            p.Add(new("input.height", $"height {input.Height} must be 1..8192", "invalid_value"));
        }

        if (input.Resize is not ("stretch" or "crop"))
        {
            p.Add(new("input.resize", $"unknown resize '{input.Resize}'; expected stretch or crop", "invalid_value"));
        }

        if (input.Layout is not ("NCHW" or "NHWC"))
        {
            p.Add(new("input.layout", $"unknown layout '{input.Layout}'; expected NCHW or NHWC", "invalid_value"));
        }

        int channels;
        switch (input.Channels)
        {
            case "RGB" or "BGR":
                channels = 3;
                break;
            case "GRAY":
                channels = 1;
                break;
            default:
                p.Add(new("input.channels", $"unknown channels '{input.Channels}'; expected RGB, BGR or GRAY", "invalid_value"));
                return;
        }

        if (input.Scale is <= 0 or float.NaN || float.IsInfinity(input.Scale))
        {
            p.Add(new("input.scale", $"scale {input.Scale} must be a positive number", "invalid_value"));
        }

        if (input.Mean?.Values is { } mean && mean.Count != channels)
        {
            p.Add(new("input.mean", $"mean has {mean.Count} values but {input.Channels} has {channels} channels", "count_mismatch"));
        }

        if (input.Std is { } std)
        {
            if (std.Count != channels)
            {
                p.Add(new("input.std", $"std has {std.Count} values but {input.Channels} has {channels} channels", "count_mismatch"));
            }
            else if (std.Any(s => s == 0 || float.IsNaN(s)))
            {
                p.Add(new("input.std", "std values must be non-zero", "invalid_value"));
            }
        }
    }
}

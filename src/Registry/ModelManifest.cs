using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSql.Registry;

/// <summary>
/// The contract between whoever trained a network and the SQL user: the function name, what the network does,
/// how rows become its input tensor and which output tensor is read. Serialized as the manifest JSON.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>SQL function name (a lower-case identifier).</summary>
    public required string Name { get; init; }

    /// <summary>classify | featurize | embed_text.</summary>
    public required ModelTask Task { get; init; }

    /// <summary>How a row becomes the input tensor.</summary>
    public required InputSpec Input { get; init; }

    /// <summary>Which output tensor is read.</summary>
    public required OutputSpec Output { get; init; }

    /// <summary>Class labels, in the order of the class dimension (classify only).</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Free text shown in catalogs and the admin page.</summary>
    public string? Description { get; init; }

    /// <summary>Where the model came from (training query, backbone, accuracies, …); free-form JSON object.</summary>
    public JsonElement? Lineage { get; init; }
}

/// <summary>Input contract. <see cref="Kind"/> says which of the other fields apply.</summary>
public sealed record InputSpec
{
    /// <summary>Name of the graph input the rows are fed to.</summary>
    public required string Tensor { get; init; }

    /// <summary>image | text.</summary>
    public string Kind { get; init; } = "image";

    // ---- image ----

    /// <summary>Input width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Input height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>stretch | crop (shorter side to size, then center crop).</summary>
    public string Resize { get; init; } = "stretch";

    /// <summary>RGB | BGR | GRAY.</summary>
    public string Channels { get; init; } = "RGB";

    /// <summary>NCHW | NHWC.</summary>
    public string Layout { get; init; } = "NCHW";

    /// <summary>Pixel value fed = (pixel × scale − mean[c]) / std[c].</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Per-channel mean as numbers, or the name of an initializer holding a mean image (see <see cref="MeanSpec"/>).</summary>
    public MeanSpec? Mean { get; init; }

    /// <summary>Per-channel standard deviation; absent = 1.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    // ---- text ----

    /// <summary>Tokenizer for text models: "bert-wordpiece-lower" (vocabulary file stored with the model).</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Maximum tokens per text, including special tokens.</summary>
    public int MaxTokens { get; init; } = 256;
}

/// <summary>The <c>mean</c> field: either numbers per channel or the name of an initializer with a mean image.</summary>
[JsonConverter(typeof(MeanSpecJsonConverter))]
public sealed record MeanSpec
{
    /// <summary>Per-channel values, in the order of <see cref="InputSpec.Channels"/>.</summary>
    public IReadOnlyList<float>? Values { get; init; }

    /// <summary>Name of an initializer (in the model file) holding a mean image of the input's shape.</summary>
    public string? Initializer { get; init; }
}

/// <summary>Output contract.</summary>
public sealed record OutputSpec
{
    /// <summary>Name of the graph output to read.</summary>
    public required string Tensor { get; init; }

    /// <summary>For embed_text: mean-pool the token vectors over the attention mask ("mean") or none.</summary>
    public string? Pooling { get; init; }

    /// <summary>For embed_text and featurize: L2-normalize the vector.</summary>
    public bool Normalize { get; init; }

    /// <summary>For classify: the output is logits and softmax is applied ("softmax") or they are already scores ("none").</summary>
    public string? Activation { get; init; }
}

/// <summary>Reads <c>"mean": [1,2,3]</c> and <c>"mean": "MeanImage"</c>.</summary>
public sealed class MeanSpecJsonConverter : JsonConverter<MeanSpec>
{
    /// <inheritdoc />
    public override MeanSpec? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new MeanSpec { Initializer = reader.GetString() };
            case JsonTokenType.StartArray:
                var values = new List<float>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        throw new JsonException("mean: expected numbers or the name of an initializer");
                    }

                    values.Add(reader.GetSingle());
                }

                return new MeanSpec { Values = values };
            default:
                throw new JsonException("mean: expected numbers or the name of an initializer");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MeanSpec value, JsonSerializerOptions options)
    {
        if (value.Initializer is not null)
        {
            writer.WriteStringValue(value.Initializer);
            return;
        }

        writer.WriteStartArray();
        foreach (var v in value.Values ?? [])
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}

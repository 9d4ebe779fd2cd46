using System.Globalization;
using DeepSql.Registry;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Functions;

/// <summary>The SQL functions a model version becomes, by task.</summary>
public static class FunctionFamily
{
    /// <summary>The <c>STRUCT(label VARCHAR, score FLOAT)[]</c> type of <c>name_topk</c>.</summary>
    public static readonly SqlType TopKType =
        SqlType.List(SqlType.Struct(new SqlField("label", SqlType.Text), new SqlField("score", SqlType.Float32)));

    /// <summary>Creates the functions of <paramref name="version"/>, bound to <paramref name="runtime"/>.</summary>
    public static IReadOnlyList<ModelFunction> Create(ModelRuntime runtime, ModelVersion version)
    {
        var m = version.Manifest;
        var name = version.Name;
        var contract = Describe(version);
        return m.Task switch
        {
            ModelTask.Classify =>
            [
                new ClassifyLabelFunction
                {
                    Runtime = runtime, Name = name, ModelName = name, Parameters = [SqlType.Blob], ParameterNames = ["image"],
                    ReturnType = SqlType.Text, Description = $"top label; {contract}",
                },
                new ClassifyTopKFunction
                {
                    Runtime = runtime, Name = name + "_topk", ModelName = name, Parameters = [SqlType.Blob, SqlType.Int32],
                    ParameterNames = ["image", "k"], ReturnType = TopKType, Description = $"k best labels with scores; {contract}",
                },
                new ClassifyScoresFunction
                {
                    Runtime = runtime, Name = name + "_scores", ModelName = name, Parameters = [SqlType.Blob], ParameterNames = ["image"],
                    ReturnType = SqlType.Float32List, Description = $"score per label; {contract}",
                },
            ],
            ModelTask.Featurize =>
            [
                new VectorFunction
                {
                    Runtime = runtime, Name = name, ModelName = name, Parameters = [SqlType.Blob], ParameterNames = ["image"],
                    ReturnType = SqlType.Float32List, Description = $"feature vector; {contract}",
                },
            ],
            _ =>
            [
                new VectorFunction
                {
                    Runtime = runtime, Name = name, ModelName = name, Parameters = [SqlType.Text], ParameterNames = ["text"],
                    ReturnType = SqlType.Float32List, Description = $"text embedding; {contract}",
                },
            ],
        };
    }

    /// <summary>"classify v3: image 32x32 RGB NCHW stretch".</summary>
    public static string Describe(ModelVersion version)
    {
        var m = version.Manifest;
        var task = m.Task switch { ModelTask.Classify => "classify", ModelTask.Featurize => "featurize", _ => "embed_text" };
        var input = m.Task == ModelTask.EmbedText
            ? $"text, {m.Input.Tokenizer}, up to {m.Input.MaxTokens} tokens"
            : string.Create(CultureInfo.InvariantCulture, $"image {m.Input.Width}x{m.Input.Height} {m.Input.Channels} {m.Input.Layout} {m.Input.Resize}");
        return $"{task} v{version.Version}: {input}";
    }
}

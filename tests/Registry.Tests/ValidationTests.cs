using DeepSql.TestSupport;
using static DeepSql.Registry.Tests.StoreFixture;

namespace DeepSql.Registry.Tests;

public sealed class ValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void AssertNothingStored()
    {
        Assert.Empty(Open(_dir).List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Declared_32x32_against_a_224x224_graph_names_both_sizes_and_stores_nothing()
    {
        var result = RegisterColor(Open(_dir), modelSize: 224, manifestSize: 32);

        var p = Assert.Single(result.Problems);
        Assert.Equal(("input.width", "shape_mismatch"), (p.Field, p.Code));
        Assert.Contains("32x32", p.Message);
        Assert.Contains("224x224", p.Message);
        AssertNothingStored();
    }

    [Fact]
    public void Label_count_must_match_the_class_dimension()
    {
        var json = Manifests.ColorClassifier().Replace("\"labels\":[\"red\",\"green\",\"blue\"]", "\"labels\":[\"red\",\"green\"]", StringComparison.Ordinal);
        var result = Open(_dir).Register(Manifest(json), new MemoryStream(TinyModels.ColorClassifier()));

        var p = Assert.Single(result.Problems);
        Assert.Equal(("labels", "label_count_mismatch"), (p.Field, p.Code));
        Assert.Contains("2 labels", p.Message);
        Assert.Contains("3 classes", p.Message);
        AssertNothingStored();
    }

    [Fact]
    public void Unknown_input_and_output_tensors_are_named_with_what_the_graph_has()
    {
        var json = Manifests.ColorClassifier().Replace("\"tensor\":\"image\"", "\"tensor\":\"pixels\"", StringComparison.Ordinal)
            .Replace("\"tensor\":\"scores\"", "\"tensor\":\"probs\"", StringComparison.Ordinal);
        var result = Open(_dir).Register(Manifest(json), new MemoryStream(TinyModels.ColorClassifier()));

        Assert.Equal(["input.tensor", "output.tensor"], result.Problems.Select(p => p.Field));
        Assert.All(result.Problems, p => Assert.Equal("tensor_not_found", p.Code));
        Assert.Contains("'image'", result.Problems[0].Message);
        Assert.Contains("'scores'", result.Problems[1].Message);
        AssertNothingStored();
    }

    [Fact]
    public void Channel_count_and_layout_are_checked_against_the_graph()
    {
        var json = Manifests.ColorClassifier(channels: "GRAY").Replace("\"mean\":[0,0,0],\"std\":[1,1,1]", "\"mean\":[0],\"std\":[1]", StringComparison.Ordinal);
        var result = Open(_dir).Register(Manifest(json), new MemoryStream(TinyModels.ColorClassifier()));

        var p = Assert.Single(result.Problems);
        Assert.Equal(("input.channels", "shape_mismatch"), (p.Field, p.Code));
    }

    [Theory]
    [InlineData("Predict", "invalid_name")]
    [InlineData("1abc", "invalid_name")]
    [InlineData("a-b", "invalid_name")]
    [InlineData("abs", "reserved_name")]
    [InlineData("color_topk", "reserved_name")]
    [InlineData("color_scores", "reserved_name")]
    [InlineData("lower", "reserved_name")]
    public void Names_must_be_sql_identifiers_that_shadow_nothing(string name, string code)
    {
        // "lower_topk" is not reserved, but the classify family of "lower" includes "lower" itself.
        var reserved = new HashSet<string> { "abs", "lower" };
        var result = RegisterColor(Open(_dir, reserved.Contains), name);

        Assert.Contains(result.Problems, p => p.Field == "name" && p.Code == code);
        Assert.Empty(Open(_dir).List());
    }

    [Fact]
    public void A_name_longer_than_63_characters_is_refused()
    {
        var result = RegisterColor(Open(_dir), new string('a', 64));
        Assert.Equal(("name", "invalid_name"), (result.Problems[0].Field, result.Problems[0].Code));
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_a_model_problem()
    {
        var result = Open(_dir).Register(Manifest(Manifests.ColorClassifier()), new MemoryStream(TinyModels.NotAModel()));

        var p = Assert.Single(result.Problems);
        Assert.Equal(("model", "invalid_model"), (p.Field, p.Code));
        Assert.Contains("not an ONNX model", p.Message);
        AssertNothingStored();
    }

    [Fact]
    public void Bad_enumerations_and_counts_each_name_their_field()
    {
        var json = """
            {"name":"m","task":"classify","input":{"tensor":"image","width":32,"height":32,"resize":"zoom","channels":"CMYK",
             "layout":"CHWN","scale":1,"std":[1,0,1]},"output":{"tensor":"scores","activation":"relu"},"labels":["a","a","b"]}
            """;
        var result = Open(_dir).Register(Manifest(json), new MemoryStream(TinyModels.ColorClassifier()));

        var fields = result.Problems.Select(p => p.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "input.resize", "input.channels", "input.layout", "labels", "output.activation" }, fields);
        AssertNothingStored();
    }

    [Fact]
    public void A_mean_initializer_must_exist_in_the_graph()
    {
        var json = Manifests.ColorClassifier().Replace("\"mean\":[0,0,0]", "\"mean\":\"MeanImage\"", StringComparison.Ordinal);
        var result = Open(_dir).Register(Manifest(json), new MemoryStream(TinyModels.ColorClassifier()));

        var p = Assert.Single(result.Problems);
        Assert.Equal(("input.mean", "initializer_not_found"), (p.Field, p.Code));
    }

    [Fact]
    public void Manifests_parse_from_snake_case_and_camel_case()
    {
        Assert.True(ModelStore.TryParseManifest("""
            {"name":"e","task":"embed_text","input":{"tensor":"input_ids","kind":"text","tokenizer":"bert-wordpiece-lower","maxTokens":128},
             "output":{"tensor":"last_hidden_state","pooling":"mean","normalize":true}}
            """, out var camel, out _));
        Assert.Equal(ModelTask.EmbedText, camel!.Task);
        Assert.Equal(128, camel.Input.MaxTokens);

        var roundTrip = ModelStore.SerializeManifest(camel);
        Assert.Contains("\"task\": \"embed_text\"", roundTrip);
        Assert.Contains("\"max_tokens\": 128", roundTrip);
        Assert.True(ModelStore.TryParseManifest(roundTrip, out var again, out _));
        Assert.Equal(camel.Input, again!.Input);

        var color = Manifest(Manifests.ColorClassifier());
        Assert.Equal([0f, 0f, 0f], color.Input.Mean!.Values);
        Assert.Equal(0.00392157f, color.Input.Scale);
    }

    [Theory]
    [InlineData("not json", "manifest", "invalid_json")]
    [InlineData("""{"task":"classify","input":{"tensor":"x"},"output":{"tensor":"y"}}""", "name", "missing_field")]
    [InlineData("""{"name":"a","task":"segment","input":{"tensor":"x"},"output":{"tensor":"y"}}""", "task", "invalid_value")]
    [InlineData("""{"name":"a","task":"classify","output":{"tensor":"y"}}""", "input", "missing_field")]
    [InlineData("""{"name":"a","task":"classify","input":{"tensor":"x","width":"wide"},"output":{"tensor":"y"}}""", "input.width", "invalid_value")]
    public void Manifest_parse_problems_name_their_field(string json, string field, string code)
    {
        Assert.False(ModelStore.TryParseManifest(json, out _, out var problems));
        Assert.Contains(problems, p => p.Field == field && p.Code == code);
    }
}

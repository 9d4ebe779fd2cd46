using DeepSql.Registry;
using DeepSql.TestSupport;
using DeepSql.Udf.Onnx;

namespace DeepSql.Udf.Tests;

public sealed class ModelSessionTests : IDisposable
{
    private readonly RuntimeFixture _f = new();

    public void Dispose() => _f.Dispose();

    private const string FeaturizeManifest = """
        {"name":"means","task":"featurize","input":{"tensor":"image","width":8,"height":8,"channels":"RGB","layout":"LAYOUT","scale":1},
         "output":{"tensor":"features"}}
        """;

    [Theory]
    [InlineData("NCHW")]
    [InlineData("NHWC")]
    public void Featurize_gives_the_channel_means_in_either_layout(string layout)
    {
        _f.Register(FeaturizeManifest.Replace("LAYOUT", layout, StringComparison.Ordinal), TinyModels.ChannelMeans(8, 8, nhwc: layout == "NHWC"));

        var result = _f.Invoke("means", RuntimeFixture.Session(), [TestImages.Solid(new SkiaSharp.SKColor(10, 20, 30))]);

        Assert.Equal([10f, 20f, 30f], Assert.IsType<float[]>(result[0]));
        Assert.Equal("FLOAT[]", _f.Engine.Function("means").ReturnType.ToString());
    }

    [Fact]
    public void A_mean_image_named_by_the_manifest_is_read_from_the_graph()
    {
        var mean = Enumerable.Range(0, 3 * 2 * 2).Select(i => (float)i).ToArray();
        _f.Register("""
            {"name":"centred","task":"featurize","input":{"tensor":"image","width":2,"height":2,"scale":1,"mean":"MeanImage"},
             "output":{"tensor":"pixels"}}
            """, TinyModels.PassthroughWithMeanImage(2, 2, mean));

        var result = Assert.IsType<float[]>(_f.Invoke("centred", RuntimeFixture.Session(), [TestImages.Solid(new SkiaSharp.SKColor(100, 100, 100))])[0]);

        Assert.Equal(mean.Select(m => 100 - m), result);
    }

    [Fact]
    public void Text_rows_are_padded_to_the_longest_in_the_sub_batch_and_mean_pooled_over_the_mask()
    {
        var vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n"u8.ToArray();
        _f.Register("""
            {"name":"echo","task":"embed_text","input":{"tensor":"input_ids","kind":"text","tokenizer":"bert-wordpiece-lower","max_tokens":16},
             "output":{"tensor":"last_hidden_state","pooling":"mean"}}
            """, TinyModels.TokenEcho(), new Dictionary<string, byte[]> { ["vocab.txt"] = vocab });

        // [CLS]=2 hello=5 world=6 [SEP]=3: mean 4; [CLS] hello [SEP]: mean 10/3 although padded to 4 tokens.
        var result = _f.Invoke("echo", RuntimeFixture.Session(), ["Hello WORLD", "hello", null]);

        Assert.Equal([4f], Assert.IsType<float[]>(result[0]));
        Assert.Equal(10f / 3, Assert.IsType<float[]>(result[1])[0], 5);
        Assert.Null(result[2]);
        Assert.Equal(1, _f.Runtime.GetStats("echo")!.Batches);
    }

    [Fact]
    public void A_session_outlives_its_replacement_until_the_last_call_releases_it()
    {
        var version = _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        var session = ModelSession.Load(version, new RuntimeOptions { IntraOpThreads = 1 });

        Assert.True(session.TryAcquire()); // a call in flight
        session.Dispose();                // the runtime drops it (a new version arrived)
        var outcome = session.Run([TestImages.Solid(TestImages.Red)], 8, false, "predict_color", CancellationToken.None);
        Assert.Equal(3, outcome.Vectors[0]!.Length);
        session.Release();                // the call ends: the native session goes

        Assert.False(session.TryAcquire());
    }

    [Fact]
    public void The_inspector_reads_names_types_and_symbolic_dimensions()
    {
        var path = TinyModels.WriteTo(_f.Directory, "probe.onnx", TinyModels.PassthroughWithMeanImage(2, 2, new float[12]));

        Assert.True(new OrtModelInspector().TryInspect(path, out var info, out var error), error);

        var input = Assert.Single(info!.Inputs);
        Assert.Equal(new TensorInfo("image", "float", [-1, 3, 2, 2]), input with { Shape = [.. input.Shape] }, new TensorComparer());
        Assert.Equal([-1L, 12L], info.Outputs.Single().Shape);
        Assert.Contains("MeanImage", info.Initializers);

        var junk = TinyModels.WriteTo(_f.Directory, "junk.onnx", TestImages.RandomBytes());
        Assert.False(new OrtModelInspector().TryInspect(junk, out _, out var junkError));
        Assert.Contains("not an ONNX model", junkError);
    }

    private sealed class TensorComparer : IEqualityComparer<TensorInfo>
    {
        public bool Equals(TensorInfo? x, TensorInfo? y) =>
            x!.Name == y!.Name && x.ElementType == y.ElementType && x.Shape.SequenceEqual(y.Shape);

        public int GetHashCode(TensorInfo obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}

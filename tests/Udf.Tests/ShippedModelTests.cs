using DeepSql.Registry;
using DeepSql.TestSupport;
using DeepSql.Udf.Models;
using DeepSql.Udf.Processing;

namespace DeepSql.Udf.Tests;

/// <summary>One store with the shipped networks installed, shared by the tests of this class (they are large).</summary>
public sealed class ShippedModelsFixture : IDisposable
{
    internal RuntimeFixture Runtime { get; } = new(intraOpThreads: 2);

    public ShippedModelsFixture() => ShippedModels.EnsureInstalled(Runtime.Store);

    public void Dispose() => Runtime.Dispose();
}

public sealed class ShippedModelTests(ShippedModelsFixture fixture) : IClassFixture<ShippedModelsFixture>
{
    private RuntimeFixture F => fixture.Runtime;

    [Fact]
    public void Both_networks_are_installed_once_with_their_functions()
    {
        ShippedModels.EnsureInstalled(F.Store);

        Assert.Equal(["embed", "featurize"], F.Store.List().Select(e => e.Name));
        Assert.All(F.Store.List(), e => Assert.Single(e.Versions));
        Assert.Equal(DeepSql.Udf.Engines.SqlTypeKind.Blob, SqlTypeKindOf("featurize"));
        Assert.Equal(DeepSql.Udf.Engines.SqlTypeKind.Text, SqlTypeKindOf("embed"));
        Assert.Equal("MeanImage", F.Store.List().Single(e => e.Name == "featurize").Current.Manifest.Input.Mean!.Initializer);
    }

    private DeepSql.Udf.Engines.SqlTypeKind SqlTypeKindOf(string function) => F.Engine.Function(function).Parameters[0].Kind;

    [Fact]
    public void Featurize_of_a_real_photo_is_512_floats_and_a_batch_equals_single_runs()
    {
        var photos = TestPhotos.All().Select(File.ReadAllBytes).ToList();
        var rows = Enumerable.Range(0, 8).Select(i => (object?)photos[i % photos.Count]).ToArray();

        var before = F.Runtime.GetStats("featurize")?.Batches ?? 0;
        var batched = F.Invoke("featurize", RuntimeFixture.Session(batchSize: 8), rows);
        var afterBatch = F.Runtime.GetStats("featurize")!.Batches;
        var singles = F.Invoke("featurize", RuntimeFixture.Session(batchSize: 1), rows);

        Assert.Equal(1, afterBatch - before);
        Assert.Equal(8, F.Runtime.GetStats("featurize")!.Batches - afterBatch);
        for (var i = 0; i < rows.Length; i++)
        {
            var a = Assert.IsType<float[]>(batched[i]);
            var b = Assert.IsType<float[]>(singles[i]);
            Assert.Equal(512, a.Length);
            Assert.All(a, v => Assert.True(float.IsFinite(v) && v >= 0)); // average pooling after ReLU
            Assert.Contains(a, v => v > 0.1f);
            Assert.Equal(b, a, (x, y) => Math.Abs(x - y) <= 1e-4f * Math.Max(1, Math.Abs(x)));
        }

        if (photos.Count > 1)
        {
            Assert.True(VectorMath.Cosine((float[])batched[0]!, (float[])batched[1]!) < 0.99, "different photos give different features");
        }
    }

    [Fact]
    public void The_featurizer_subtracts_the_BGR_mean_image_of_the_preprocessing_graph()
    {
        var featurize = F.Store.List().Single(e => e.Name == "featurize").Current;
        Assert.Equal(("BGR", "crop", 224, 224), (featurize.Manifest.Input.Channels, featurize.Manifest.Input.Resize,
            featurize.Manifest.Input.Width, featurize.Manifest.Input.Height));
        Assert.True(Onnx.InitializerReader.TryReadFloats(featurize.OnnxPath, "MeanImage", out var mean, out var dims));
        Assert.Equal([1L, 3, 224, 224], dims!);
        var plane = 224 * 224;
        Assert.Equal(103.06, mean!.Take(plane).Average(), 0.01);
        Assert.Equal(115.90, mean!.Skip(plane).Take(plane).Average(), 0.01);
        Assert.Equal(123.15, mean!.Skip(2 * plane).Average(), 0.01);
    }

    [Fact]
    public void Embed_gives_unit_vectors_with_the_reference_cosines()
    {
        var rows = F.Invoke("embed", RuntimeFixture.Session(),
            ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.", null]);

        var weather = Assert.IsType<float[]>(rows[0]);
        Assert.Equal(384, weather.Length);
        Assert.Equal(1.0, Math.Sqrt(weather.Sum(v => v * (double)v)), 4);
        Assert.Equal(0.666, VectorMath.Cosine(weather, (float[])rows[1]!), 0.005);
        Assert.Equal(0.105, VectorMath.Cosine(weather, (float[])rows[2]!), 0.005);
        Assert.Null(rows[3]);
    }

    [Fact]
    public void Embed_of_one_text_alone_equals_it_padded_in_a_batch()
    {
        var alone = (float[])F.Invoke("embed", RuntimeFixture.Session(), ["sunny"])[0]!;
        var padded = (float[])F.Invoke("embed", RuntimeFixture.Session(), ["sunny", "a much longer sentence about the weather in the city"])[0]!;

        Assert.Equal(alone, padded, (x, y) => Math.Abs(x - y) < 1e-4);
    }
}

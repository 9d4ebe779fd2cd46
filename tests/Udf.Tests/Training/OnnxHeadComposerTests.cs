using DeepSql.Udf.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Xunit;

namespace DeepSql.Udf.Tests.Training;

public class OnnxHeadComposerTests
{
    private static readonly SoftmaxHead Head = new(
        [1.5f, -2f, 0.25f, -0.5f, 3f, 1f, 0f, 0.75f, -1.25f, 2f, 2f, -3f],
        [0.1f, -0.2f, 0.3f, 0f]);

    [Theory]
    [InlineData(13)]
    [InlineData(7)]
    public void Composed_model_scores_equal_the_head_on_the_backbone_features(int opset)
    {
        var composed = OnnxHeadComposer.Compose(TinyBackbone.Build(opset), "features", Head, normalizeFeatures: false);
        Assert.Equal(opset, ModelProto.Parser.ParseFrom(composed).OpsetImport.Single().Version);
        var (images, features) = Images(5, seed: 7);

        var scores = Run(composed, images, 5);

        for (var r = 0; r < 5; r++)
        {
            var expected = Head.Scores(features[r]);
            for (var k = 0; k < Head.Classes; k++)
            {
                Assert.Equal(expected[k], scores[r, k], 1e-5);
            }
        }
    }

    [Fact]
    public void Normalized_backbone_output_is_normalized_in_the_graph_too()
    {
        var composed = OnnxHeadComposer.Compose(TinyBackbone.Build(), "features", Head, normalizeFeatures: true);
        var (images, features) = Images(3, seed: 8);

        var scores = Run(composed, images, 3);

        for (var r = 0; r < 3; r++)
        {
            var norm = MathF.Sqrt(features[r].Sum(v => v * v));
            var expected = Head.Scores(features[r].Select(v => v / norm).ToArray());
            for (var k = 0; k < Head.Classes; k++)
            {
                Assert.Equal(expected[k], scores[r, k], 1e-5);
            }
        }
    }

    [Fact]
    public void Composed_graph_keeps_the_backbone_input_and_mean_image_and_has_only_the_scores_output()
    {
        var composed = OnnxHeadComposer.Compose(TinyBackbone.Build(), "features", Head, normalizeFeatures: false);

        var model = ModelProto.Parser.ParseFrom(composed);
        Assert.Contains(model.Graph.Initializer, i => i.Name == "MeanImage");
        Assert.Equal("image", Assert.Single(model.Graph.Input).Name);
        var output = Assert.Single(model.Graph.Output);
        Assert.Equal("scores", output.Name);
        Assert.Equal("N", output.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(4, output.Type.TensorType.Shape.Dim[1].DimValue);

        using var session = new InferenceSession(composed);
        Assert.Equal(["scores"], session.OutputMetadata.Keys);
        Assert.Equal([-1, 4], session.OutputMetadata["scores"].Dimensions);
    }

    [Fact]
    public void Unknown_feature_tensor_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            OnnxHeadComposer.Compose(TinyBackbone.Build(), "nope", Head, normalizeFeatures: false));
    }

    private static (float[] Images, float[][] Features) Images(int count, int seed)
    {
        const int n = TinyBackbone.Size * TinyBackbone.Size;
        var rng = new Random(seed);
        var images = new float[count * 3 * n];
        var features = new float[count][];
        for (var r = 0; r < count; r++)
        {
            features[r] = new float[3];
            for (var c = 0; c < 3; c++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    var v = (float)rng.NextDouble();
                    images[(((r * 3) + c) * n) + i] = v;
                    sum += v - TinyBackbone.MeanImageValue(c);
                }

                features[r][c] = (float)(sum / n);
            }
        }

        return (images, features);
    }

    private static float[,] Run(byte[] model, float[] images, int count)
    {
        using var session = new InferenceSession(model);
        var input = new DenseTensor<float>(images, [count, 3, TinyBackbone.Size, TinyBackbone.Size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", input)]);
        var scores = results.Single(r => r.Name == "scores").AsTensor<float>();
        var copy = new float[count, Head.Classes];
        for (var r = 0; r < count; r++)
        {
            for (var k = 0; k < Head.Classes; k++)
            {
                copy[r, k] = scores[r, k];
            }
        }

        return copy;
    }
}

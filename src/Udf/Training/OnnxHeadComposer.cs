using Google.Protobuf;
using Onnx;

namespace DeepSql.Udf.Training;

/// <summary>
/// Builds one ONNX model from a backbone and a trained head: the backbone graph unchanged (nodes, initializers such as a
/// mean image, inputs) plus Flatten → [LpNormalization] → Gemm → Softmax appended, with the single output
/// <see cref="ScoresOutput"/> [N, classes]. The backbone's own outputs are dropped.
/// </summary>
public static class OnnxHeadComposer
{
    /// <summary>Name of the composed model's output tensor.</summary>
    public const string ScoresOutput = "scores";

    private const string Prefix = "deepsql_head_";

    /// <summary>Composes the model.</summary>
    /// <param name="backboneOnnx">The backbone model file.</param>
    /// <param name="featureOutput">The backbone output that holds the features (the featurize manifest's output tensor).</param>
    /// <param name="head">The head on raw features (standardization folded in).</param>
    /// <param name="normalizeFeatures">True when the backbone's manifest L2-normalizes its output: the head was
    /// trained on normalized vectors, so the graph normalizes too.</param>
    /// <returns>The composed model file.</returns>
    public static byte[] Compose(byte[] backboneOnnx, string featureOutput, SoftmaxHead head, bool normalizeFeatures)
    {
        ArgumentNullException.ThrowIfNull(head);
        var model = ModelProto.Parser.ParseFrom(backboneOnnx);
        var graph = model.Graph ?? throw new ArgumentException("the backbone has no graph", nameof(backboneOnnx));
        if (!graph.Output.Any(o => o.Name == featureOutput) && !graph.Node.Any(n => n.Output.Contains(featureOutput)))
        {
            throw new ArgumentException($"the backbone has no tensor \"{featureOutput}\"", nameof(featureOutput));
        }

        if (graph.Output.Any(o => o.Name == ScoresOutput) && featureOutput != ScoresOutput)
        {
            // Keep the name "scores" free for our output.
            RenameTensor(graph, ScoresOutput, Prefix + "backbone_scores");
        }

        EnsureOpset(model);

        var flat = Prefix + "features";
        graph.Node.Add(Node("Flatten", [featureOutput], flat, Prefix + "flatten", Attribute("axis", 1)));
        var gemmInput = flat;
        if (normalizeFeatures)
        {
            gemmInput = Prefix + "normalized";
            graph.Node.Add(Node("LpNormalization", [flat], gemmInput, Prefix + "normalize",
                Attribute("axis", 1), Attribute("p", 2)));
        }

        var weights = FloatTensor(Prefix + "W", [head.Classes, head.Features], head.Weights);
        var bias = FloatTensor(Prefix + "B", [head.Classes], head.Bias);
        graph.Initializer.Add(weights);
        graph.Initializer.Add(bias);
        var logits = Prefix + "logits";
        graph.Node.Add(Node("Gemm", [gemmInput, weights.Name, bias.Name], logits, Prefix + "gemm",
            Attribute("transB", 1)));
        graph.Node.Add(Node("Softmax", [logits], ScoresOutput, Prefix + "softmax", Attribute("axis", 1)));

        var batchDim = BatchDimension(graph);
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto
        {
            Name = ScoresOutput,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = new TensorShapeProto
                    {
                        Dim = { batchDim, new TensorShapeProto.Types.Dimension { DimValue = head.Classes } },
                    },
                },
            },
        });

        model.ProducerName = "deepsql";
        return model.ToByteArray();
    }

    /// <summary>The first input's batch dimension, or a symbolic "N".</summary>
    private static TensorShapeProto.Types.Dimension BatchDimension(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var input = graph.Input.FirstOrDefault(i => !initializers.Contains(i.Name));
        var dims = input?.Type?.TensorType?.Shape?.Dim;
        return dims is { Count: > 0 } ? dims[0].Clone() : new TensorShapeProto.Types.Dimension { DimParam = "N" };
    }

    private static void EnsureOpset(ModelProto model)
    {
        // Flatten(axis), Gemm with C, Softmax(axis=1) on 2-D input and LpNormalization mean the same in every opset
        // from 7 on, so the backbone's opset is kept: raising it would change its own operators (BatchNormalization
        // lost "spatial" in opset 9, and ONNX Runtime then refuses the graph).
        if (!model.OpsetImport.Any(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx"))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        }
    }

    private static void RenameTensor(GraphProto graph, string from, string to)
    {
        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }

            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }
        }
    }

    private static NodeProto Node(string op, string[] inputs, string output, string name, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        // raw_data is little-endian IEEE 754, the layout of a float[] on every platform .NET runs on here.
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }
}

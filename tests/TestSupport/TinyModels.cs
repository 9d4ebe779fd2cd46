using Google.Protobuf;
using Onnx;

namespace DeepSql.TestSupport;

/// <summary>
/// Small ONNX models built in code (OnnxSharp protobuf types) with answers a test can compute by hand.
/// Every model has a symbolic batch dimension "N". Returns the ONNX file bytes.
/// </summary>
public static class TinyModels
{
    /// <summary>
    /// The colour classifier of the manifest example: input "image" float [N,3,size,size] → mean over H,W → [N,3] →
    /// MatMul with <paramref name="gain"/> × identity → Softmax (unless <paramref name="softmax"/> is false) → "scores" [N,3].
    /// With labels [red, green, blue] and scale 1/255, a red image scores softmax([gain,0,0]) and is "red" fed as RGB,
    /// "blue" fed as BGR.
    /// </summary>
    public static byte[] ColorClassifier(int size = 32, float gain = 1f, bool softmax = true, int classes = 3)
    {
        var weights = new float[3 * classes];
        for (var i = 0; i < Math.Min(3, classes); i++)
        {
            weights[(i * classes) + i] = gain;
        }

        var nodes = new List<NodeProto>
        {
            Node("ReduceMean", ["image"], ["means"], Ints("axes", 2, 3), Int("keepdims", 0)),
            Node("MatMul", ["means", "weights"], [softmax ? "logits" : "scores"]),
        };
        if (softmax)
        {
            nodes.Add(Node("Softmax", ["logits"], ["scores"], Int("axis", 1)));
        }

        return Build(nodes, [Input("image", 3, size, size)], [Output("scores", classes)], [FloatTensor("weights", [3, classes], weights)]);
    }

    /// <summary>
    /// Outputs the channel means of its input: "image" float [N,C,H,W] (or [N,H,W,C] when <paramref name="nhwc"/>) →
    /// "features" (or <paramref name="output"/>) [N,C]. With scale 1 and no mean, a solid colour gives its 0–255 channel
    /// values in the fed order.
    /// </summary>
    public static byte[] ChannelMeans(int width = 32, int height = 32, int channels = 3, bool nhwc = false, string output = "features") =>
        Build(
            [Node("ReduceMean", ["image"], [output], nhwc ? Ints("axes", 1, 2) : Ints("axes", 2, 3), Int("keepdims", 0))],
            [nhwc ? Input("image", height, width, channels) : Input("image", channels, height, width)],
            [Output(output, channels)],
            []);

    /// <summary>
    /// Returns its input flattened: "image" float [N,C,H,W] (or NHWC) → "pixels" [N, C×H×W], so a test sees exactly
    /// what preprocessing fed, element by element, in the tensor's layout.
    /// </summary>
    public static byte[] Passthrough(int width, int height, int channels = 3, bool nhwc = false) =>
        Build(
            [Node("Flatten", ["image"], ["pixels"], Int("axis", 1))],
            [nhwc ? Input("image", height, width, channels) : Input("image", channels, height, width)],
            [Output("pixels", channels * width * height)],
            []);

    /// <summary>
    /// Passthrough whose graph also holds an unused float initializer <paramref name="initializerName"/> of shape
    /// [1,C,H,W] with the given values (a mean image the manifest can name).
    /// </summary>
    public static byte[] PassthroughWithMeanImage(int width, int height, float[] meanImage, string initializerName = "MeanImage")
    {
        var model = ModelProto.Parser.ParseFrom(Passthrough(width, height));
        model.Graph.Initializer.Add(FloatTensor(initializerName, [1, 3, height, width], meanImage));
        return model.ToByteArray();
    }

    /// <summary>A text model: int64 "input_ids" [N,T] → "last_hidden_state" float [N,T,1] holding the ids as floats.</summary>
    public static byte[] TokenEcho() =>
        Build(
            [
                Node("Cast", ["input_ids"], ["ids_float"], Int("to", (int)TensorProto.Types.DataType.Float)),
                Node("Unsqueeze", ["ids_float", "axis2"], ["last_hidden_state"]),
            ],
            [new ValueInfoProto { Name = "input_ids", Type = TensorType(TensorProto.Types.DataType.Int64, Symbolic("N"), Symbolic("T")) }],
            [new ValueInfoProto { Name = "last_hidden_state", Type = TensorType(TensorProto.Types.DataType.Float, Symbolic("N"), Symbolic("T"), Fixed(1)) }],
            [new TensorProto { Name = "axis2", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { 2 } }]);

    /// <summary>Bytes that are not an ONNX model.</summary>
    public static byte[] NotAModel() => "this is not an onnx file"u8.ToArray();

    /// <summary>Writes bytes to a fresh file under <paramref name="directory"/> and returns its path.</summary>
    public static string WriteTo(string directory, string fileName, byte[] bytes)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Build(IEnumerable<NodeProto> nodes, IEnumerable<ValueInfoProto> inputs, IEnumerable<ValueInfoProto> outputs,
        IEnumerable<TensorProto> initializers)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Node.AddRange(nodes);
        graph.Input.AddRange(inputs);
        graph.Output.AddRange(outputs);
        graph.Initializer.AddRange(initializers);
        var model = new ModelProto { IrVersion = 7, ProducerName = "DeepSql.TestSupport", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Input(string name, params long[] dims) =>
        new() { Name = name, Type = TensorType(TensorProto.Types.DataType.Float, [Symbolic("N"), .. dims.Select(Fixed)]) };

    private static ValueInfoProto Output(string name, params long[] dims) => Input(name, dims);

    private static TypeProto TensorType(TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } };
    }

    private static TensorShapeProto.Types.Dimension Symbolic(string name) => new() { DimParam = name };

    private static TensorShapeProto.Types.Dimension Fixed(long size) => new() { DimValue = size };

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return t;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }
}

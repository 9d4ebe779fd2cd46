using Google.Protobuf;
using Onnx;

namespace DeepSql.Udf.Tests.Training;

/// <summary>
/// A featurizer built in the test: image [N,3,8,8] minus a mean-image initializer "MeanImage", then the channel means
/// → features [N,3,1,1]. Exact answers: feature c = mean over pixels of (x − m).
/// </summary>
internal static class TinyBackbone
{
    public const int Size = 8;

    public static float MeanImageValue(int channel) => 0.1f * (channel + 1);

    public static byte[] Build(int opset = 13)
    {
        var graph = new GraphProto { Name = "tiny_backbone" };
        graph.Input.Add(Tensor("image", "N", 3, Size, Size));
        graph.Output.Add(Tensor("features", "N", 3, 1, 1));

        var mean = new TensorProto { Name = "MeanImage", DataType = (int)TensorProto.Types.DataType.Float };
        mean.Dims.AddRange([1, 3, Size, Size]);
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < Size * Size; i++)
            {
                mean.FloatData.Add(MeanImageValue(c));
            }
        }

        graph.Initializer.Add(mean);
        if (opset < 9)
        {
            // IR version 3 (the ResNet18 file's) lists every initializer among the graph inputs.
            graph.Input.Add(Tensor("MeanImage", null, 3, Size, Size));
        }
        var sub = new NodeProto { OpType = "Sub", Name = "center" };
        sub.Input.AddRange(["image", "MeanImage"]);
        sub.Output.Add("centered");
        var reduce = new NodeProto { OpType = "ReduceMean", Name = "pool" };
        reduce.Input.Add("centered");
        reduce.Output.Add("features");
        reduce.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 2, 3 } });
        reduce.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.AddRange([sub, reduce]);

        var model = new ModelProto { IrVersion = opset < 9 ? 3 : 8, Graph = graph, ProducerName = "test" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto Tensor(string name, string? batch, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(batch is null
            ? new TensorShapeProto.Types.Dimension { DimValue = 1 }
            : new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}

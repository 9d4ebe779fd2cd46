using Google.Protobuf;
using Onnx;
using SkiaSharp;

namespace DeepSql.Server.Tests.Http;

/// <summary>
/// A classifier built in the test: image [N,3,4,4] → mean per channel → scores [N,3]. With scale 1/255 a solid
/// color's scores are its channel values over 255, so the top label of pure red is "red" with score 1.
/// </summary>
internal static class TinyColorModel
{
    public const int Size = 4;

    public static byte[] Build(string outputName = "scores")
    {
        var graph = new GraphProto { Name = "tiny_color" };
        graph.Input.Add(Tensor("image", 3, Size, Size));
        graph.Output.Add(Tensor(outputName, 3));
        var reduce = new NodeProto { OpType = "ReduceMean", Name = "pool" };
        reduce.Input.Add("image");
        reduce.Output.Add(outputName);
        reduce.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 2, 3 } });
        reduce.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(reduce);
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "deepsql-http-tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    public static string Manifest(string name, int width = Size, string labels = """["red","green","blue"]""") => $$"""
        {"name":"{{name}}","task":"classify","description":"tiny color classifier",
         "input":{"tensor":"image","kind":"image","width":{{width}},"height":{{Size}},"resize":"stretch","channels":"RGB",
                  "layout":"NCHW","scale":0.003921569},
         "output":{"tensor":"scores","activation":"none"},"labels":{{labels}}}
        """;

    /// <summary>A PNG of one solid color.</summary>
    public static byte[] Png(byte r, byte g, byte b, int size = 16)
    {
        using var bitmap = new SKBitmap(size, size);
        bitmap.Erase(new SKColor(r, g, b));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static ValueInfoProto Tensor(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}

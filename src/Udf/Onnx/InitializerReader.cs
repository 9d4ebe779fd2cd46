using Onnx;

namespace DeepSql.Udf.Onnx;

/// <summary>Reads the values of a float initializer (e.g. a mean image) from an ONNX file with OnnxSharp.</summary>
public static class InitializerReader
{
    /// <summary>The float values of initializer <paramref name="name"/>; false when absent or not float.</summary>
    public static bool TryReadFloats(string onnxPath, string name, out float[]? values, out long[]? dims)
    {
        var graph = OnnxFile.Read(onnxPath).Graph;
        var tensor = graph.Initializer.FirstOrDefault(t => t.Name == name);
        values = null;
        dims = null;
        if (tensor is null || tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            return false;
        }

        dims = [.. tensor.Dims];
        if (tensor.FloatData.Count > 0)
        {
            values = [.. tensor.FloatData];
        }
        else
        {
            // raw_data holds little-endian float32.
            var raw = tensor.RawData.Span;
            values = new float[raw.Length / 4];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.ToSingle(raw.Slice(i * 4, 4));
            }
        }

        return true;
    }
}

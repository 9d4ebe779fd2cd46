using Onnx;

namespace DeepSql.Udf.Onnx;

/// <summary>Reads ONNX protobuf files.</summary>
public static class OnnxFile
{
    /// <summary>
    /// Parses an ONNX file, opened for shared reading. (OnnxSharp's ParseFromFile opens with FileShare.None, which
    /// .NET enforces across processes on Linux: two services starting at once on the same package file collide.)
    /// </summary>
    public static ModelProto Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return ModelProto.Parser.ParseFrom(stream);
    }
}

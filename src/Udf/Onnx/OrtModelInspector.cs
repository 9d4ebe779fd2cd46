using DeepSql.Registry;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace DeepSql.Udf.Onnx;

/// <summary>
/// Reads an ONNX file's tensors by loading it in ONNX Runtime (so "loads here" means "runs here");
/// initializer names come from the protobuf via OnnxSharp, because ONNX Runtime lists only overridable ones.
/// </summary>
public sealed class OrtModelInspector : IModelInspector
{
    /// <inheritdoc />
    public bool TryInspect(string onnxPath, out ModelGraphInfo? info, out string? error)
    {
        info = null;
        ModelProto proto;
        try
        {
            proto = OnnxFile.Read(onnxPath);
        }
        catch (InvalidProtocolBufferException)
        {
            error = "the file is not an ONNX model (it does not parse as an ONNX protobuf)";
            return false;
        }

        if (proto.Graph is null || proto.Graph.Node.Count == 0)
        {
            error = "the file is not an ONNX model (it has no graph nodes)";
            return false;
        }

        try
        {
            using var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            using var session = new InferenceSession(onnxPath, options);
            var initializers = proto.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            info = new ModelGraphInfo(
                session.InputMetadata.Where(p => !initializers.Contains(p.Key)).Select(p => ToTensor(p.Key, p.Value)).ToList(),
                session.OutputMetadata.Select(p => ToTensor(p.Key, p.Value)).ToList(),
                initializers);
            error = null;
            return true;
        }
        catch (OnnxRuntimeException e)
        {
            error = $"ONNX Runtime cannot load it: {e.Message}";
            return false;
        }
    }

    private static TensorInfo ToTensor(string name, NodeMetadata m) =>
        new(name,
            m.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR ? m.ElementDataType.ToString().ToLowerInvariant() : m.OnnxValueType.ToString(),
            m.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR ? m.Dimensions.Select(d => d < 0 ? -1L : d).ToArray() : []);
}

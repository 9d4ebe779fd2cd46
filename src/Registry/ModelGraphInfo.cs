namespace DeepSql.Registry;

/// <summary>
/// The tensors of an ONNX graph as an inspector read them. The registry validates a manifest against this
/// without knowing how it was read (ONNX Runtime does it, in Udf).
/// </summary>
/// <param name="Inputs">Graph inputs that are not initializers.</param>
/// <param name="Outputs">Graph outputs.</param>
/// <param name="Initializers">Names of the graph's initializers (a mean image may be named by the manifest).</param>
public sealed record ModelGraphInfo(
    IReadOnlyList<TensorInfo> Inputs,
    IReadOnlyList<TensorInfo> Outputs,
    IReadOnlyCollection<string> Initializers);

/// <summary>One tensor of a graph.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="ElementType">ONNX element type name in lower case: float, double, int64, int32, uint8, string, …</param>
/// <param name="Shape">Dimensions; -1 for a symbolic or unknown dimension.</param>
public sealed record TensorInfo(string Name, string ElementType, IReadOnlyList<long> Shape);

/// <summary>Reads the tensors of an ONNX file. Implemented where ONNX Runtime lives.</summary>
public interface IModelInspector
{
    /// <summary>Loads the file as the runtime would; false with a reason when it cannot be loaded.</summary>
    bool TryInspect(string onnxPath, out ModelGraphInfo? info, out string? error);
}

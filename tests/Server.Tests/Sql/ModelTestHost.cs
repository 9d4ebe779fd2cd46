using DeepSql.Registry;
using DeepSql.Server.Sql;
using DeepSql.Udf;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using DeepSql.Udf.Models;
using DeepSql.Udf.Training;
using Google.Protobuf;
using Onnx;
using SkiaSharp;

namespace DeepSql.Server.Tests.Sql;

/// <summary>
/// A real registry, DuckDB engine and ONNX Runtime in a temp folder, with a tiny featurizer built here registered as
/// "featurize": image [N,3,8,8] (RGB × 1/255 minus the "MeanImage" initializer, 0.5 everywhere) → channel means
/// [N,3,1,1]. Colour is all it sees, so coloured drawings are learned exactly.
/// </summary>
public sealed class ModelTestHost : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "deepsql-training-" + Guid.NewGuid().ToString("N"));
    private int _sessionIds;

    public ModelTestHost()
        : this(shippedModels: false)
    {
    }

    /// <param name="shippedModels">True: the real ResNet18 "featurize" (and MiniLM "embed") instead of the tiny one.</param>
    internal ModelTestHost(bool shippedModels)
    {
        Store = new ModelStore(_directory, ModelRuntime.CreateInspector());
        var threads = shippedModels ? Environment.ProcessorCount : 1;
        Engine = new DuckDbEngine(new DuckDbEngineOptions { Threads = threads });
        Runtime = new ModelRuntime(Store, Engine, new RuntimeOptions { IntraOpThreads = threads });
        Runtime.Start();
        if (shippedModels)
        {
            ShippedModels.EnsureInstalled(Store);
            return;
        }

        using var onnx = new MemoryStream(BuildBackbone());
        var result = Store.Register(BackboneManifest("featurize"), onnx);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Problems.Select(p => p.Message)));
        }
    }

    public ModelStore Store { get; }

    public DuckDbEngine Engine { get; }

    public ModelRuntime Runtime { get; }

    public IEngineSession OpenSession() =>
        Engine.OpenSession(new SessionContext { SessionId = Interlocked.Increment(ref _sessionIds) });

    public ModelStatementInterceptor Interceptor(TrainingOptions? options = null) => new(Store, Runtime, options);

    public static ModelManifest BackboneManifest(string name) => new()
    {
        Name = name,
        Task = ModelTask.Featurize,
        Input = new InputSpec
        {
            Tensor = "image", Kind = "image", Width = 8, Height = 8, Channels = "RGB", Layout = "NCHW",
            Scale = 1f / 255, Mean = new MeanSpec { Initializer = "MeanImage" },
        },
        Output = new OutputSpec { Tensor = "features" },
    };

    /// <summary>A PNG of a filled circle or square of <paramref name="colour"/> on white, placed by <paramref name="rng"/>.</summary>
    public static byte[] Drawing(SKColor colour, Random rng, int size = 32)
    {
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = colour, IsAntialias = true };
            var radius = size * (0.3f + (0.15f * (float)rng.NextDouble()));
            var cx = (size / 2f) + ((float)rng.NextDouble() - 0.5f) * size * 0.2f;
            var cy = (size / 2f) + ((float)rng.NextDouble() - 0.5f) * size * 0.2f;
            if (rng.Next(2) == 0)
            {
                canvas.DrawCircle(cx, cy, radius, paint);
            }
            else
            {
                canvas.DrawRect(cx - radius, cy - radius, 2 * radius, 2 * radius, paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static readonly (string Label, SKColor Colour)[] Colours =
        [("red", new SKColor(220, 30, 30)), ("green", new SKColor(30, 180, 40)), ("blue", new SKColor(30, 40, 220))];

    /// <summary>Creates <paramref name="table"/>(image BLOB, label VARCHAR) with <paramref name="perColour"/> drawings of each colour.</summary>
    public static void CreateDrawings(IEngineSession session, string table, int perColour, int seed)
    {
        Exec(session, $"CREATE TABLE {table} (image BLOB, label VARCHAR)");
        var rng = new Random(seed);
        for (var i = 0; i < perColour; i++)
        {
            foreach (var (label, colour) in Colours)
            {
                Exec(session, $"INSERT INTO {table} VALUES ($1, $2)", Drawing(colour, rng), label);
            }
        }
    }

    public static void Exec(IEngineSession session, string sql, params object?[] parameters)
    {
        using var result = session.Execute(sql, parameters.Length == 0 ? null : parameters);
        while (result.TryReadBatch(1024, out _))
        {
        }
    }

    public static List<object?[]> Rows(IEngineSession session, string sql)
    {
        var rows = new List<object?[]>();
        using var result = session.Execute(sql);
        while (result.TryReadBatch(1024, out var batch))
        {
            rows.AddRange(batch.Rows);
        }

        return rows;
    }

    public static byte[] BuildBackbone()
    {
        var graph = new GraphProto { Name = "channel_means" };
        graph.Input.Add(Value("image", 3, 8, 8));
        graph.Output.Add(Value("features", 3, 1, 1));
        var mean = new TensorProto { Name = "MeanImage", DataType = (int)TensorProto.Types.DataType.Float };
        mean.Dims.AddRange([1, 3, 8, 8]);
        mean.FloatData.AddRange(Enumerable.Repeat(0.5f, 3 * 64));
        graph.Initializer.Add(mean);
        var pool = new NodeProto { OpType = "ReduceMean", Name = "pool" };
        pool.Input.Add("image");
        pool.Output.Add("features");
        pool.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 2, 3 } });
        pool.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(pool);
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "test" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, params long[] dims)
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
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }

    public void Dispose()
    {
        Runtime.Dispose();
        Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by a native library on some platforms; the temp folder is cleaned later.
        }
    }
}

using Microsoft.Extensions.Logging;
using System.Diagnostics;
using DeepSql.Server.Hosting;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Npgsql;
using SkiaSharp;

namespace DeepSql.Benchmarks;

/// <summary>
/// Images/second of <c>SELECT featurize(content) FROM read_blob(…)</c> through the Postgres port, against a plain
/// C# loop of decode + ONNX Runtime (one image per run) on the same files, same model file, same run.
/// </summary>
public static class FeaturizeBenchmark
{
    public static async Task RunAsync(string photoDir, int count)
    {
        var work = Path.Combine(Path.GetTempPath(), "deepsql-bench-" + Environment.ProcessId);
        var photos = BenchmarkPhotos.Prepare(photoDir, Path.Combine(work, "photos"), count);
        var files = Directory.GetFiles(photos, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"{files.Length} photographs in {photos}, {Environment.ProcessorCount} cores");

        await using var host = await DeepSqlHost.StartAsync(new ServiceOptions
        {
            PgPort = 0,
            HttpPort = 0,
            DataDir = Path.Combine(work, "data"),
            FilesDirs = [photos],
            AdminToken = "bench",
            FashionMnistDir = "/nonexistent",
        }, logging: b => b.AddFilter(_ => false));
        await host.Ready;
        if (!host.Store.TryResolve("featurize", out var featurize) || featurize is null)
        {
            throw new InvalidOperationException("featurize is not registered");
        }

        // ---- baseline: plain loop, one image per ONNX Runtime call ----
        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, InterOpNumThreads = 1 };
        using var session = new InferenceSession(featurize.OnnxPath, options);
        var inputName = featurize.Manifest.Input.Tensor;
        Baseline(session, inputName, files.Take(4).ToArray()); // warm-up
        var sw = Stopwatch.StartNew();
        Baseline(session, inputName, files);
        var baselineSeconds = sw.Elapsed.TotalSeconds;

        // ---- the service ----
        await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={host.PgPort};Username=analyst;Pooling=false;Command Timeout=0");
        await conn.OpenAsync();
        await ServiceAsync(conn, Path.Combine(photos, "photo_000[0-3].jpg"), 4); // warm-up
        sw.Restart();
        var rows = await ServiceAsync(conn, Path.Combine(photos, "*.jpg"), files.Length);
        var serviceSeconds = sw.Elapsed.TotalSeconds;

        var baselineRate = files.Length / baselineSeconds;
        var serviceRate = rows / serviceSeconds;
        Console.WriteLine($"baseline  (decode + ONNX Runtime, 1 image/run): {baselineRate,7:F1} images/s ({baselineSeconds:F2} s)");
        Console.WriteLine($"DeepSQL   (SELECT featurize(content) FROM read_blob): {serviceRate,7:F1} images/s ({serviceSeconds:F2} s)");
        Console.WriteLine($"ratio DeepSQL / baseline: {serviceRate / baselineRate:F2}");
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<int> ServiceAsync(NpgsqlConnection conn, string glob, int expected)
    {
        await using var cmd = new NpgsqlCommand($"SELECT featurize(content) FROM read_blob('{glob}')", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            var v = reader.GetFieldValue<float[]>(0);
            if (v.Length != 512)
            {
                throw new InvalidOperationException($"expected 512 features, got {v.Length}");
            }

            rows++;
        }

        if (rows != expected)
        {
            throw new InvalidOperationException($"expected {expected} rows, got {rows}");
        }

        return rows;
    }

    // Decode, shorter side to 224, center crop, BGR minus the channel means, NCHW, one Run per image.
    private static void Baseline(InferenceSession session, string inputName, string[] files)
    {
        const int size = 224;
        float[] mean = [103.06f, 115.90f, 123.15f];
        var tensor = new DenseTensor<float>([1, 3, size, size]);
        foreach (var file in files)
        {
            using var decoded = SKBitmap.Decode(File.ReadAllBytes(file));
            var scale = (float)size / Math.Min(decoded.Width, decoded.Height);
            var w = (int)Math.Round(decoded.Width * scale);
            var h = (int)Math.Round(decoded.Height * scale);
            using var resized = decoded.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            var x0 = (w - size) / 2;
            var y0 = (h - size) / 2;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var c = resized.GetPixel(x0 + x, y0 + y);
                    tensor[0, 0, y, x] = c.Blue - mean[0];
                    tensor[0, 1, y, x] = c.Green - mean[1];
                    tensor[0, 2, y, x] = c.Red - mean[2];
                }
            }

            using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
            _ = results.First().AsEnumerable<float>().Sum();
        }
    }
}

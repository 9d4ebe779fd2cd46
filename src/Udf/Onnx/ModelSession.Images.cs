using System.Buffers;
using System.Diagnostics;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Processing;
using Microsoft.ML.OnnxRuntime;

namespace DeepSql.Udf.Onnx;

public sealed partial class ModelSession
{
    private static readonly ParallelOptions s_decodeParallelism = new() { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 8) };

    private BatchOutcome RunImages(IReadOnlyList<object?> rows, int batchSize, bool strict, string functionName, CancellationToken cancellation)
    {
        var spec = _image!;
        var per = spec.ElementCount;
        var vectors = new float[]?[rows.Count];
        var decoded = new bool[batchSize];
        var errors = new string?[batchSize];
        var slots = new int[batchSize];
        int invalid = 0, runs = 0;
        var runSizes = new List<int>();
        long prepTicks = 0, inferTicks = 0;
        var normalize = Version.Manifest.Output.Normalize;

        // One tensor buffer per call, reused by every sub-batch.
        var buffer = ArrayPool<float>.Shared.Rent(batchSize * per);
        try
        {
            for (var start = 0; start < rows.Count; start += batchSize)
            {
                ThrowIfCancelled(cancellation);
                var n = Math.Min(batchSize, rows.Count - start);
                var t0 = Stopwatch.GetTimestamp();
                Parallel.For(0, n, s_decodeParallelism, i =>
                {
                    errors[i] = null;
                    decoded[i] = rows[start + i] switch
                    {
                        null => false,
                        byte[] bytes => ImagePreprocessor.TryPreprocess(bytes, spec, buffer.AsSpan(i * per, per), out errors[i]),
                        var other => Fail(out errors[i], $"expected a BLOB, got {other.GetType().Name}"),
                    };
                });
                prepTicks += Stopwatch.GetTimestamp() - t0;

                var m = 0;
                for (var i = 0; i < n; i++)
                {
                    if (!decoded[i])
                    {
                        if (rows[start + i] is not null)
                        {
                            invalid++;
                            if (strict)
                            {
                                throw new EngineException(SqlStates.InvalidTextRepresentation,
                                    $"{functionName}: row {start + i + 1} (1-based within the batch): not a decodable image ({errors[i]})");
                            }
                        }

                        continue;
                    }

                    // Close the gaps left by NULL and bad rows so one Run sees only real images.
                    if (m != i)
                    {
                        buffer.AsSpan(i * per, per).CopyTo(buffer.AsSpan(m * per, per));
                    }

                    slots[m++] = i;
                }

                if (m == 0)
                {
                    continue;
                }

                var t1 = Stopwatch.GetTimestamp();
                long[] shape = spec.Nchw ? [m, spec.ChannelCount, spec.Height, spec.Width] : [m, spec.Height, spec.Width, spec.ChannelCount];
                using (var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, m * per), shape))
                using (var outputs = RunOnce([input], cancellation))
                {
                    var data = outputs.First().GetTensorDataAsSpan<float>();
                    var outPer = data.Length / m;
                    for (var j = 0; j < m; j++)
                    {
                        var v = data.Slice(j * outPer, outPer).ToArray();
                        if (normalize)
                        {
                            VectorMath.L2Normalize(v);
                        }

                        vectors[start + slots[j]] = v;
                    }
                }

                runs++;
                runSizes.Add(m);
                inferTicks += Stopwatch.GetTimestamp() - t1;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return new BatchOutcome(vectors, invalid, runs, Seconds(prepTicks), Seconds(inferTicks)) { RunSizes = runSizes };
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}

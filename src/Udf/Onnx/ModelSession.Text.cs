using System.Diagnostics;
using DeepSql.Udf.Processing;
using Microsoft.ML.OnnxRuntime;

namespace DeepSql.Udf.Onnx;

public sealed partial class ModelSession
{
    private BatchOutcome RunTexts(IReadOnlyList<object?> rows, int batchSize, CancellationToken cancellation)
    {
        var manifest = Version.Manifest;
        var vectors = new float[]?[rows.Count];
        int runs = 0, invalid = 0;
        var runSizes = new List<int>();
        long prepTicks = 0, inferTicks = 0;
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            ThrowIfCancelled(cancellation);
            var n = Math.Min(batchSize, rows.Count - start);
            var t0 = Stopwatch.GetTimestamp();
            var tokens = new List<(int Row, IReadOnlyList<int> Ids)>(n);
            for (var i = 0; i < n; i++)
            {
                switch (rows[start + i])
                {
                    case string text:
                        tokens.Add((start + i, _tokenizer!.Encode(text, manifest.Input.MaxTokens)));
                        break;
                    case null:
                        break;
                    default:
                        invalid++;
                        break;
                }
            }

            if (tokens.Count == 0)
            {
                prepTicks += Stopwatch.GetTimestamp() - t0;
                continue;
            }

            // Pad to the longest text of this sub-batch, not to max_tokens.
            int m = tokens.Count, length = tokens.Max(t => t.Ids.Count);
            var ids = new long[m * length];
            var mask = new long[m * length];
            var types = new long[m * length];
            for (var r = 0; r < m; r++)
            {
                var row = tokens[r].Ids;
                for (var t = 0; t < row.Count; t++)
                {
                    ids[(r * length) + t] = row[t];
                    mask[(r * length) + t] = 1;
                }
            }

            prepTicks += Stopwatch.GetTimestamp() - t0;
            var t1 = Stopwatch.GetTimestamp();
            long[] shape = [m, length];
            var inputs = _inputNames.Select(name => OrtValue.CreateTensorValueFromMemory(name switch
            {
                "attention_mask" => mask,
                "token_type_ids" => types,
                _ => ids,
            }, shape)).ToList();
            try
            {
                using var outputs = RunOnce(inputs, cancellation);
                var output = outputs.First();
                var dims = output.GetTensorTypeAndShape().Shape;
                var data = output.GetTensorDataAsSpan<float>();
                for (var r = 0; r < m; r++)
                {
                    var v = Pool(data, dims, r, mask.AsSpan(r * length, length), manifest.Output.Pooling);
                    if (manifest.Output.Normalize)
                    {
                        VectorMath.L2Normalize(v);
                    }

                    vectors[tokens[r].Row] = v;
                }
            }
            finally
            {
                foreach (var input in inputs)
                {
                    input.Dispose();
                }
            }

            runs++;
            runSizes.Add(m);
            inferTicks += Stopwatch.GetTimestamp() - t1;
        }

        return new BatchOutcome(vectors, invalid, runs, Seconds(prepTicks), Seconds(inferTicks)) { RunSizes = runSizes };
    }

    // dims is [batch, tokens, dim] for token outputs or [batch, dim] for pooled ones.
    private static float[] Pool(ReadOnlySpan<float> data, long[] dims, int row, ReadOnlySpan<long> mask, string? pooling)
    {
        if (dims.Length != 3 || pooling is not ("mean" or "cls"))
        {
            var per = data.Length / (int)dims[0];
            return data.Slice(row * per, per).ToArray();
        }

        int tokens = (int)dims[1], dim = (int)dims[2];
        var rowData = data.Slice(row * tokens * dim, tokens * dim);
        if (pooling == "cls")
        {
            return rowData[..dim].ToArray();
        }

        var sum = new double[dim];
        var count = 0;
        for (var t = 0; t < tokens; t++)
        {
            if (mask[t] == 0)
            {
                continue;
            }

            count++;
            var token = rowData.Slice(t * dim, dim);
            for (var d = 0; d < dim; d++)
            {
                sum[d] += token[d];
            }
        }

        var v = new float[dim];
        for (var d = 0; d < dim; d++)
        {
            v[d] = (float)(sum[d] / Math.Max(1, count));
        }

        return v;
    }
}

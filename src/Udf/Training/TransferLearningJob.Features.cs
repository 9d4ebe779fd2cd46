using System.Diagnostics;
using System.Globalization;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Training;

public sealed partial class TransferLearningJob
{
    /// <summary>Features and labels of the usable rows, in query order; images are never kept.</summary>
    private sealed record FeatureData(List<float[]> Features, List<string> Labels, int NullLabels, int Undecodable,
        double Seconds);

    private FeatureData ExtractFeatures(string query, string backbone, IEngineSession session,
        IProgress<string>? progress, CancellationToken token)
    {
        var total = CountRows(query, session, token);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"featurizing {total} rows with {backbone}"));

        var features = new List<float[]>();
        var labels = new List<string>();
        int nullLabels = 0, undecodable = 0, seen = 0, decile = 0;
        var clock = Stopwatch.StartNew();
        // Batches of at most a tenth of the rows, so that every 10 % step is reported.
        var batchRows = (int)Math.Clamp(total / 10, 1, Math.Max(1, _options.BatchRows));
        using (var result = session.Execute(query, cancellationToken: token))
        {
            var (imageColumn, labelColumn) = FindColumns(result.Columns);
            var images = new List<object?>(batchRows);
            var batchLabels = new List<string>(batchRows);
            while (result.TryReadBatch(batchRows, out var batch))
            {
                ThrowIfCancelled(token);
                images.Clear();
                batchLabels.Clear();
                foreach (var row in batch.Rows)
                {
                    var label = LabelText(row[labelColumn]);
                    if (label is null)
                    {
                        nullLabels++;
                        continue;
                    }

                    images.Add(row[imageColumn]);
                    batchLabels.Add(label);
                }

                seen += batch.Rows.Count;
                if (images.Count > 0)
                {
                    var vectors = _featurize(backbone, images, session.Context);
                    ThrowIfCancelled(token);
                    for (var i = 0; i < images.Count; i++)
                    {
                        var v = i < vectors.Length ? vectors[i] : null;
                        if (v is null || (features.Count > 0 && v.Length != features[0].Length))
                        {
                            undecodable++;
                            continue;
                        }

                        features.Add(v);
                        labels.Add(batchLabels[i]);
                    }
                }

                // A notice at every 10 % of the rows (the count may be off if the query is not deterministic).
                var reached = total > 0 ? (int)Math.Min(10, seen * 10L / total) : 0;
                if (reached > decile)
                {
                    decile = reached;
                    var rate = seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"featurize: {seen}/{total} rows ({decile * 10}%), {rate:0.0} rows/s"));
                }
            }
        }

        if (nullLabels > 0)
        {
            progress?.Report($"skipped {nullLabels} rows with a NULL label");
        }

        if (undecodable > 0)
        {
            progress?.Report($"skipped {undecodable} rows whose image could not be read");
        }

        return new FeatureData(features, labels, nullLabels, undecodable, clock.Elapsed.TotalSeconds);
    }

    private static long CountRows(string query, IEngineSession session, CancellationToken token)
    {
        using var count = session.Execute($"SELECT count(*) FROM ({query}) AS deepsql_training_rows",
            cancellationToken: token);
        return count.TryReadBatch(1, out var batch) && batch.Rows.Count == 1
            ? Convert.ToInt64(batch.Rows[0][0], CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>The BLOB column named image (else the first BLOB column) and the column named label; 42703 otherwise.</summary>
    private static (int Image, int Label) FindColumns(IReadOnlyList<ColumnInfo> columns)
    {
        static bool Named(ColumnInfo c, string name) => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase);
        var blobs = columns.Select((c, i) => (c, i)).Where(p => p.c.Type.Kind == SqlTypeKind.Blob).ToList();
        var image = blobs.Count == 0 ? -1 : blobs.FirstOrDefault(p => Named(p.c, "image"), blobs[0]).i;
        var label = columns.Select((c, i) => (c, i)).FirstOrDefault(p => Named(p.c, "label"), (null!, -1)).i;

        var names = string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));
        if (image < 0)
        {
            throw new EngineException(SqlStates.UndefinedColumn,
                $"the training query has no image column (a BLOB column named image, or any BLOB column); it returns: {names}");
        }

        if (label < 0)
        {
            throw new EngineException(SqlStates.UndefinedColumn,
                $"the training query has no column named label; it returns: {names}");
        }

        return (image, label);
    }

    private static string? LabelText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

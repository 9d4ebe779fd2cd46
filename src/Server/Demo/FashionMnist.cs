using System.Diagnostics;
using System.Globalization;
using DeepSql.Udf.Engines;
using SkiaSharp;

namespace DeepSql.Server.Demo;

/// <summary>
/// Loads Fashion-MNIST (Debian package dataset-fashion-mnist: /usr/share/datasets/fashion-mnist) into the tables
/// clothing_train(image BLOB, label VARCHAR) and clothing_test(image BLOB, label VARCHAR): each 28×28 grayscale image
/// as a PNG, each label as its word. One transaction: either both tables are complete or nothing changed.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Class words in the order of the label bytes 0–9.</summary>
    public static readonly IReadOnlyList<string> Labels =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private const int RowsPerInsert = 512;

    // zlib level 1: a third of the default's encoding time for tiny images, a few bytes larger.
    private static readonly SKPngEncoderOptions s_png = new(SKPngEncoderFilterFlags.Sub, 1);

    private static readonly (string Table, string Images, string LabelFile)[] s_tables =
    [
        ("clothing_train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
        ("clothing_test", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
    ];

    /// <summary>
    /// Creates and fills both tables unless they already hold the expected rows. False with a reason when the files are
    /// missing or malformed or the engine refuses; then nothing was changed.
    /// </summary>
    /// <param name="session">Engine session to load through.</param>
    /// <param name="datasetDir">Folder with the four *-idx*-ubyte(.gz) files.</param>
    /// <param name="message">What happened (rows, seconds) or why not.</param>
    /// <param name="limit">At most this many rows per table (the first ones of each file), e.g. for tests.</param>
    public static bool TryLoad(IEngineSession session, string datasetDir, out string message, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clock = Stopwatch.StartNew();
        var sets = new List<(string Table, IdxFile Images, IdxFile Labels)>();
        foreach (var (table, imageName, labelName) in s_tables)
        {
            if (!TryReadPair(datasetDir, imageName, labelName, limit, out var images, out var labels, out var error))
            {
                message = error!;
                return false;
            }

            sets.Add((table, images!, labels!));
        }

        try
        {
            if (sets.All(s => CountRows(session, s.Table) == s.Images.Count))
            {
                message = $"Fashion-MNIST already loaded ({string.Join(", ", sets.Select(s => $"{s.Table} {s.Images.Count}"))})";
                return true;
            }

            Execute(session, "BEGIN TRANSACTION");
            try
            {
                foreach (var (table, images, labels) in sets)
                {
                    Execute(session, $"DROP TABLE IF EXISTS {table}");
                    Execute(session, $"CREATE TABLE {table} (image BLOB, label VARCHAR)");
                    Insert(session, table, images, labels);
                }

                Execute(session, "COMMIT");
            }
            catch
            {
                TryRollback(session);
                throw;
            }
        }
        catch (EngineException e)
        {
            message = $"Fashion-MNIST not loaded: {e.Message} ({e.SqlState})";
            return false;
        }

        var rows = sets.Sum(s => s.Images.Count);
        message = string.Create(CultureInfo.InvariantCulture,
            $"Fashion-MNIST loaded: {string.Join(", ", sets.Select(s => $"{s.Table} {s.Images.Count}"))} rows in {clock.Elapsed.TotalSeconds:0.0} s ({rows / clock.Elapsed.TotalSeconds:0} rows/s)");
        return true;
    }

    /// <summary>One 28×28 (or any size) grayscale image as PNG bytes.</summary>
    public static unsafe byte[] EncodePng(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        fixed (byte* p = pixels)
        {
            using var pixmap = new SKPixmap(info, (nint)p, width);
            using var data = pixmap.Encode(s_png)
                ?? throw new InvalidOperationException("SkiaSharp could not encode a PNG");
            return data.ToArray();
        }
    }

    private static bool TryReadPair(string dir, string imageName, string labelName, int? limit,
        out IdxFile? images, out IdxFile? labels, out string? error)
    {
        images = labels = null;
        var imagePath = Find(dir, imageName);
        var labelPath = Find(dir, labelName);
        if (imagePath is null || labelPath is null)
        {
            error = $"Fashion-MNIST files not found in {dir} ({imageName}.gz, {labelName}.gz)";
            return false;
        }

        if (!IdxFile.TryRead(imagePath, limit, out images, out error) || !IdxFile.TryRead(labelPath, limit, out labels, out error))
        {
            return false;
        }

        if (images!.Dimensions.Count != 3 || labels!.Dimensions.Count != 1 || images.Count != labels.Count)
        {
            error = $"{imageName}/{labelName}: expected N×28×28 images and N labels";
            return false;
        }

        if (labels.Data.Any(b => b >= Labels.Count))
        {
            error = $"{labelName}: a label byte is not 0–9";
            return false;
        }

        return true;
    }

    private static string? Find(string dir, string name) =>
        new[] { Path.Combine(dir, name + ".gz"), Path.Combine(dir, name) }.FirstOrDefault(File.Exists);

    private static void Insert(IEngineSession session, string table, IdxFile images, IdxFile labels)
    {
        // PNG encoding is the costly part: the next chunk is encoded on pool threads while this one is inserted.
        var next = Task.Run(() => Encode(images, 0));
        for (var start = 0; start < images.Count; start += RowsPerInsert)
        {
            var pngs = next.GetAwaiter().GetResult();
            // a copy: the lambda must not see the loop variable, which moves on while the task waits for a thread
            // (it did: a chunk encoded from the wrong offset, or past the end — an OverflowException)
            var following = start + RowsPerInsert;
            next = following < images.Count
                ? Task.Run(() => Encode(images, following))
                : Task.FromResult<byte[][]>([]);
            var parameters = new object?[pngs.Length * 2];
            var sql = new System.Text.StringBuilder($"INSERT INTO {table} VALUES ");
            for (var i = 0; i < pngs.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(${(2 * i) + 1}, ${(2 * i) + 2})");
                parameters[2 * i] = pngs[i];
                parameters[(2 * i) + 1] = Labels[labels.Data[start + i]];
            }

            Execute(session, sql.ToString(), parameters);
        }
    }

    private static byte[][] Encode(IdxFile images, int start)
    {
        var (height, width, itemSize) = (images.Dimensions[1], images.Dimensions[2], images.ItemSize);
        var pngs = new byte[Math.Min(RowsPerInsert, images.Count - start)][];
        Parallel.For(0, pngs.Length, i =>
            pngs[i] = EncodePng(images.Data.AsSpan((start + i) * itemSize, itemSize), width, height));
        return pngs;
    }

    private static long CountRows(IEngineSession session, string table)
    {
        using var exists = session.Execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = $1 AND table_schema = current_schema()", [table]);
        if (!exists.TryReadBatch(1, out var batch) || Convert.ToInt64(batch.Rows[0][0], CultureInfo.InvariantCulture) == 0)
        {
            return -1;
        }

        using var count = session.Execute($"SELECT count(*) FROM {table}");
        return count.TryReadBatch(1, out var rows) ? Convert.ToInt64(rows.Rows[0][0], CultureInfo.InvariantCulture) : -1;
    }

    private static void Execute(IEngineSession session, string sql, IReadOnlyList<object?>? parameters = null)
    {
        using var result = session.Execute(sql, parameters);
        while (result.ReturnsRows && result.TryReadBatch(1024, out _))
        {
        }
    }

    private static void TryRollback(IEngineSession session)
    {
        try
        {
            Execute(session, "ROLLBACK");
        }
        catch (EngineException)
        {
            // The transaction is already gone (the engine aborted it); nothing is left to undo.
        }
    }
}

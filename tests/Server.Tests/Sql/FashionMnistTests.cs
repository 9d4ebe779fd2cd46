using System.Buffers.Binary;
using System.IO.Compression;
using DeepSql.Server.Demo;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using SkiaSharp;
using Xunit;

namespace DeepSql.Server.Tests.Sql;

/// <summary>The loader on small IDX files written here, and on the real package files when installed.</summary>
public sealed class FashionMnistTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "deepsql-fmnist-" + Guid.NewGuid().ToString("N"));
    private readonly DuckDbEngine _engine = new(new DuckDbEngineOptions { Threads = 1 });

    public FashionMnistTests()
    {
        Directory.CreateDirectory(_dir);
    }

    [Fact]
    public void Loads_both_tables_with_png_images_and_label_words_then_skips_when_loaded()
    {
        WriteSet("train", count: 12);
        WriteSet("t10k", count: 5);
        using var session = Open();

        Assert.True(FashionMnist.TryLoad(session, _dir, out var message), message);

        var rows = ModelTestHost.Rows(session, "SELECT image, label FROM clothing_train");
        Assert.Equal(12, rows.Count);
        Assert.Equal(5, ModelTestHost.Rows(session, "SELECT * FROM clothing_test").Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(FashionMnist.Labels[i % 10], rows[i][1]);
            using var decoded = SKBitmap.Decode((byte[])rows[i][0]!);
            Assert.Equal(28, decoded.Width);
            Assert.Equal(28, decoded.Height);
            // Pixel (x, y) of image i was written as (i + x + 2y) mod 256.
            Assert.Equal((byte)((i + 3 + (2 * 5)) % 256), decoded.GetPixel(3, 5).Red);
        }

        Assert.True(FashionMnist.TryLoad(session, _dir, out var again), again);
        Assert.StartsWith("Fashion-MNIST already loaded", again, StringComparison.Ordinal);
        Assert.Equal(12, ModelTestHost.Rows(session, "SELECT * FROM clothing_train").Count);
    }

    [Fact]
    public void Every_row_of_a_load_of_several_chunks_has_its_own_image_and_label()
    {
        // more rows than three INSERT chunks: chunks are encoded ahead on other threads, each must be the right one
        const int count = 1553;
        WriteSet("train", count);
        WriteSet("t10k", count: 2);
        using var session = Open();

        Assert.True(FashionMnist.TryLoad(session, _dir, out var message), message);

        var rows = ModelTestHost.Rows(session, "SELECT image, label FROM clothing_train ORDER BY rowid");
        Assert.Equal(count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(FashionMnist.Labels[i % 10], rows[i][1]);
            using var decoded = SKBitmap.Decode((byte[])rows[i][0]!);
            Assert.True((byte)(i % 256) == decoded.GetPixel(0, 0).Red, $"row {i} holds another row's image");
        }
    }

    [Fact]
    public void Limit_takes_the_first_rows_of_each_file_and_a_larger_load_replaces_it()
    {
        WriteSet("train", count: 12);
        WriteSet("t10k", count: 5);
        using var session = Open();

        Assert.True(FashionMnist.TryLoad(session, _dir, out var message, limit: 3), message);
        Assert.Equal(3, ModelTestHost.Rows(session, "SELECT * FROM clothing_train").Count);
        Assert.Equal(3, ModelTestHost.Rows(session, "SELECT * FROM clothing_test").Count);

        Assert.True(FashionMnist.TryLoad(session, _dir, out message), message);
        Assert.Equal(12, ModelTestHost.Rows(session, "SELECT * FROM clothing_train").Count);
    }

    [Fact]
    public void Missing_or_malformed_files_load_nothing()
    {
        WriteSet("train", count: 4);
        using var session = Open();

        Assert.False(FashionMnist.TryLoad(session, _dir, out var missing));
        Assert.Contains("t10k-images-idx3-ubyte", missing, StringComparison.Ordinal);

        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte"), [1, 2, 3, 4, 5, 6]);
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 1, 0]);
        Assert.False(FashionMnist.TryLoad(session, _dir, out var malformed));
        Assert.Contains("not an IDX file", malformed, StringComparison.Ordinal);
        Assert.Empty(ModelTestHost.Rows(session, "SELECT * FROM information_schema.tables WHERE table_name LIKE 'clothing%'"));
    }

    [Fact]
    public void An_engine_failure_midway_leaves_nothing_half_loaded()
    {
        WriteSet("train", count: 4);
        WriteSet("t10k", count: 4);
        using var session = Open();
        ModelTestHost.Exec(session, "CREATE VIEW clothing_test AS SELECT 1 AS x");

        Assert.False(FashionMnist.TryLoad(session, _dir, out var message));

        Assert.StartsWith("Fashion-MNIST not loaded", message, StringComparison.Ordinal);
        Assert.Empty(ModelTestHost.Rows(session, "SELECT * FROM information_schema.tables WHERE table_name = 'clothing_train'"));
    }

    [Fact]
    public void Real_package_files_load_with_a_limit()
    {
        Assert.True(Directory.Exists(FashionMnist.DefaultDirectory),
            "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        using var session = Open();

        Assert.True(FashionMnist.TryLoad(session, FashionMnist.DefaultDirectory, out var message, limit: 500), message);

        var counts = ModelTestHost.Rows(session, "SELECT label, count(*) FROM clothing_train GROUP BY label");
        Assert.Equal(10, counts.Count);
        Assert.All(counts, c => Assert.Contains((string)c[0]!, FashionMnist.Labels));
        Assert.Equal(500L, counts.Sum(c => Convert.ToInt64(c[1], System.Globalization.CultureInfo.InvariantCulture)));
        // The first training image of Fashion-MNIST is an ankle boot, the first test image too.
        Assert.Equal("Ankle boot", ModelTestHost.Rows(session, "SELECT label FROM clothing_train LIMIT 1")[0][0]);
        Assert.Equal("Ankle boot", ModelTestHost.Rows(session, "SELECT label FROM clothing_test LIMIT 1")[0][0]);
    }

    private IEngineSession Open() => _engine.OpenSession(new SessionContext { SessionId = 1 });

    /// <summary>Writes {prefix}-images-idx3-ubyte.gz and {prefix}-labels-idx1-ubyte.gz with label i mod 10.</summary>
    private void WriteSet(string prefix, int count)
    {
        var images = new byte[count * 28 * 28];
        for (var i = 0; i < count; i++)
        {
            for (var y = 0; y < 28; y++)
            {
                for (var x = 0; x < 28; x++)
                {
                    images[(i * 784) + (y * 28) + x] = (byte)((i + x + (2 * y)) % 256);
                }
            }
        }

        WriteIdx(Path.Combine(_dir, $"{prefix}-images-idx3-ubyte.gz"), [count, 28, 28], images);
        WriteIdx(Path.Combine(_dir, $"{prefix}-labels-idx1-ubyte.gz"), [count],
            Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());
    }

    private static void WriteIdx(string path, int[] dims, byte[] data)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write([0, 0, 8, (byte)dims.Length]);
        Span<byte> dim = stackalloc byte[4];
        foreach (var d in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(dim, d);
            gzip.Write(dim);
        }

        gzip.Write(data);
    }

    public void Dispose()
    {
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepSql.Server.Demo;

/// <summary>
/// The IDX format of (Fashion-)MNIST, optionally gzip-compressed. Layout: magic (4 bytes: 0, 0, type 0x08 = uint8,
/// number of dimensions), then one big-endian int32 per dimension, then the uint8 data in row-major order.
/// </summary>
public sealed record IdxFile(IReadOnlyList<int> Dimensions, byte[] Data)
{
    /// <summary>Items (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes per item (product of the other dimensions).</summary>
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>Reads at most <paramref name="maxItems"/> items; false with a reason for a malformed file.</summary>
    public static bool TryRead(string path, int? maxItems, out IdxFile? file, out string? error)
    {
        file = null;
        try
        {
            using var raw = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(raw, CompressionMode.Decompress)
                : raw;
            Span<byte> header = stackalloc byte[4];
            stream.ReadExactly(header);
            if (header[0] != 0 || header[1] != 0 || header[2] != 0x08 || header[3] is 0 or > 4)
            {
                error = $"{Path.GetFileName(path)}: not an IDX file of uint8 (magic {Convert.ToHexString(header)})";
                return false;
            }

            var dims = new int[header[3]];
            Span<byte> dim = stackalloc byte[4];
            for (var i = 0; i < dims.Length; i++)
            {
                stream.ReadExactly(dim);
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(dim);
                if (dims[i] < 0)
                {
                    error = $"{Path.GetFileName(path)}: negative dimension";
                    return false;
                }
            }

            if (maxItems is { } max && max < dims[0])
            {
                dims[0] = Math.Max(0, max);
            }

            var itemSize = dims.Skip(1).Aggregate(1L, (a, b) => a * b);
            var data = new byte[checked(dims[0] * itemSize)];
            stream.ReadExactly(data);
            file = new IdxFile(dims, data);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or OverflowException)
        {
            error = $"{Path.GetFileName(path)}: {e.Message}";
            return false;
        }
    }
}

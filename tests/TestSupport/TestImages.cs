using System.Buffers.Binary;
using SkiaSharp;

namespace DeepSql.TestSupport;

/// <summary>Encoded test images drawn with SkiaSharp (PNG, JPEG, WebP) or written by hand (BMP, GIF, EXIF), plus bad bytes.</summary>
public static class TestImages
{
    /// <summary>Pure red.</summary>
    public static readonly SKColor Red = new(255, 0, 0);

    /// <summary>Pure green.</summary>
    public static readonly SKColor Green = new(0, 255, 0);

    /// <summary>Pure blue.</summary>
    public static readonly SKColor Blue = new(0, 0, 255);

    /// <summary>A solid-colour image, encoded as PNG, JPEG (quality 100), WebP (quality 100), BMP or GIF.</summary>
    public static byte[] Solid(SKColor color, int width = 32, int height = 32, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        return Encode(bitmap, format);
    }

    /// <summary>Left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    public static byte[] SplitVertical(SKColor left, SKColor right, int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, x < width / 2 ? left : right);
            }
        }

        return Encode(bitmap, format);
    }

    /// <summary>A grayscale (one channel) PNG of the given level.</summary>
    public static byte[] Gray(byte level, int width = 32, int height = 32)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(level, level, level));
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    /// <summary>A JPEG (quality 100) with an EXIF APP1 segment giving <paramref name="orientation"/> (1–8).</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        // APP1: "Exif\0\0", TIFF header (little endian, IFD at 8), IFD0 with one entry 0x0112 SHORT 1 = orientation.
        var tiff = new byte[8 + 2 + 12 + 4];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    /// <summary>The first half of a JPEG: starts like one, cannot be decoded whole.</summary>
    public static byte[] TruncatedJpeg() => Solid(Red, 64, 64, SKEncodedImageFormat.Jpeg).AsSpan(0, 300).ToArray();

    /// <summary>Bytes that are no image format.</summary>
    public static byte[] RandomBytes(int length = 1000, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Decodes any of the above with SkiaSharp (for assertions on test data itself).</summary>
    public static SKBitmap Decode(byte[] encoded) => SKBitmap.Decode(encoded) ?? throw new InvalidDataException("not decodable");

    /// <summary>Encodes a bitmap: PNG, JPEG and WebP with SkiaSharp (quality 100), BMP and GIF by hand.</summary>
    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        switch (format)
        {
            case SKEncodedImageFormat.Bmp:
                return Bmp(bitmap);
            case SKEncodedImageFormat.Gif:
                return Gif(bitmap);
            default:
                using (var image = SKImage.FromBitmap(bitmap))
                using (var data = image.Encode(format, 100) ?? throw new NotSupportedException($"SkiaSharp cannot encode {format}"))
                {
                    return data.ToArray();
                }
        }
    }

    // 24-bit BMP, bottom-up rows padded to 4 bytes (Skia has no BMP encoder).
    private static byte[] Bmp(SKBitmap bitmap)
    {
        int w = bitmap.Width, h = bitmap.Height, stride = ((w * 3) + 3) & ~3;
        var bytes = new byte[54 + (stride * h)];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), w);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), h);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var y = 0; y < h; y++)
        {
            var row = 54 + ((h - 1 - y) * stride);
            for (var x = 0; x < w; x++)
            {
                var c = bitmap.GetPixel(x, y);
                bytes[row + (x * 3)] = c.Blue;
                bytes[row + (x * 3) + 1] = c.Green;
                bytes[row + (x * 3) + 2] = c.Red;
            }
        }

        return bytes;
    }

    // GIF89a with a 256-colour global table; LZW codes stay 9 bits wide by sending a clear code every 250 pixels.
    private static byte[] Gif(SKBitmap bitmap)
    {
        int w = bitmap.Width, h = bitmap.Height;
        var palette = new List<SKColor>();
        var indices = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var c = bitmap.GetPixel(x, y).WithAlpha(255);
                var i = palette.IndexOf(c);
                if (i < 0)
                {
                    if (palette.Count == 256)
                    {
                        throw new NotSupportedException("more than 256 colours");
                    }

                    palette.Add(c);
                    i = palette.Count - 1;
                }

                indices[(y * w) + x] = (byte)i;
            }
        }

        var output = new List<byte>();
        output.AddRange("GIF89a"u8.ToArray());
        output.AddRange([(byte)w, (byte)(w >> 8), (byte)h, (byte)(h >> 8), 0xF7, 0, 0]);
        for (var i = 0; i < 256; i++)
        {
            var c = i < palette.Count ? palette[i] : SKColors.Black;
            output.AddRange([c.Red, c.Green, c.Blue]);
        }

        output.AddRange([0x2C, 0, 0, 0, 0, (byte)w, (byte)(w >> 8), (byte)h, (byte)(h >> 8), 0, 8]);
        var codes = new List<int>();
        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 250 == 0)
            {
                codes.Add(256); // clear
            }

            codes.Add(indices[i]);
        }

        codes.Add(257); // end of information
        var packed = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var code in codes)
        {
            buffer |= code << bits;
            bits += 9;
            while (bits >= 8)
            {
                packed.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            packed.Add((byte)buffer);
        }

        for (var i = 0; i < packed.Count; i += 255)
        {
            var n = Math.Min(255, packed.Count - i);
            output.Add((byte)n);
            output.AddRange(packed.GetRange(i, n));
        }

        output.AddRange([0, 0x3B]);
        return [.. output];
    }
}

using SkiaSharp;

namespace DeepSql.Udf.Processing;

/// <summary>
/// Decodes encoded image bytes (JPEG, PNG, WebP, GIF first frame, BMP, grayscale included) with SkiaSharp into
/// upright RGBA pixels: EXIF orientation applied, alpha composited on white.
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="encoded"/>. False with a reason for empty, truncated or unknown bytes.
    /// The caller owns (disposes) the returned bitmap: opaque, <see cref="SKColorType.Rgba8888"/>.
    /// </summary>
    public static bool TryDecode(byte[]? encoded, out SKBitmap? bitmap, out string? error) =>
        TryDecode(encoded, 0, 0, out bitmap, out error);

    /// <summary>
    /// Like <see cref="TryDecode(byte[], out SKBitmap, out string)"/>, but lets the codec decode at a reduced size
    /// (JPEG's 1/2, 1/4, 1/8 scaling) as long as the upright result stays at least <paramref name="minWidth"/> ×
    /// <paramref name="minHeight"/>; large photos then cost a fraction to decode.
    /// </summary>
    public static bool TryDecode(byte[]? encoded, int minWidth, int minHeight, out SKBitmap? bitmap, out string? error)
    {
        bitmap = null;
        if (encoded is null || encoded.Length == 0)
        {
            error = "empty value";
            return false;
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            error = "unknown or damaged image format";
            return false;
        }

        var size = codec.Info;
        if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > 100_000_000)
        {
            error = $"unsupported image size {size.Width}x{size.Height}";
            return false;
        }

        var decodeSize = new SKSizeI(size.Width, size.Height);
        if (minWidth > 0 && minHeight > 0)
        {
            var swap = IsTransposed(codec.EncodedOrigin);
            int w = swap ? size.Height : size.Width, h = swap ? size.Width : size.Height;
            var wanted = Math.Max((float)minWidth / w, (float)minHeight / h);
            if (wanted < 1)
            {
                var scaled = codec.GetScaledDimensions(wanted);
                int sw = swap ? scaled.Height : scaled.Width, sh = swap ? scaled.Width : scaled.Height;
                if (sw >= minWidth && sh >= minHeight && scaled.Width > 0 && scaled.Height > 0)
                {
                    decodeSize = scaled;
                }
            }
        }

        var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            error = $"not a decodable image ({result})";
            return false;
        }

        bitmap = Orient(decoded, codec.EncodedOrigin);
        error = null;
        return true;
    }

    // Draws the decoded pixels upright onto white (premultiplied source over opaque white = alpha compositing).
    private static SKBitmap Orient(SKBitmap src, SKEncodedOrigin origin)
    {
        var swap = IsTransposed(origin);
        int w = swap ? src.Height : src.Width, h = swap ? src.Width : src.Height;
        var dst = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(dst);
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(OriginMatrix(origin, src.Width, src.Height));
        canvas.DrawBitmap(src, 0, 0);
        canvas.Flush();
        return dst;
    }

    private static bool IsTransposed(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The transform that maps stored pixels (width × height) to their upright position.</summary>
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}

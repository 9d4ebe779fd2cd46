using SkiaSharp;

namespace DeepSql.Udf.Processing;

/// <summary>Turns encoded image bytes into the floats of one input tensor row: decode, resize, normalize.</summary>
public static class ImagePreprocessor
{
    private static readonly SKSamplingOptions s_sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>
    /// Decodes and preprocesses one image into <paramref name="destination"/> (length <see cref="ImageSpec.ElementCount"/>).
    /// False with a reason when the bytes are not a decodable image; the destination is then left as it was.
    /// </summary>
    public static bool TryPreprocess(byte[]? encoded, ImageSpec spec, Span<float> destination, out string? error)
    {
        if (!ImageDecoder.TryDecode(encoded, spec.Width, spec.Height, out var upright, out error))
        {
            return false;
        }

        using (upright)
        using (var resized = Resize(upright!, spec.Width, spec.Height, spec.Crop))
        {
            Normalize(resized.GetPixelSpan(), spec, destination);
        }

        return true;
    }

    /// <summary>Resizes to width × height: stretched, or the shorter side scaled to size then center-cropped.</summary>
    public static SKBitmap Resize(SKBitmap source, int width, int height, bool crop)
    {
        var src = new SKRect(0, 0, source.Width, source.Height);
        if (crop)
        {
            // The largest centered region with the target's aspect ratio = scale shorter side to size, then crop.
            var targetAspect = (float)width / height;
            var sourceAspect = (float)source.Width / source.Height;
            if (sourceAspect > targetAspect)
            {
                var w = source.Height * targetAspect;
                src = SKRect.Create((source.Width - w) / 2, 0, w, source.Height);
            }
            else
            {
                var h = source.Width / targetAspect;
                src = SKRect.Create(0, (source.Height - h) / 2, source.Width, h);
            }
        }

        var dst = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(dst);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, src, new SKRect(0, 0, width, height), s_sampling);
        canvas.Flush();
        return dst;
    }

    /// <summary>
    /// Writes opaque RGBA8888 pixels (width × height of the spec) as fed floats in the spec's channel order and layout.
    /// </summary>
    public static void Normalize(ReadOnlySpan<byte> rgba, ImageSpec spec, Span<float> destination)
    {
        int w = spec.Width, h = spec.Height, channels = spec.ChannelCount, plane = w * h;
        if (rgba.Length < plane * 4 || destination.Length < plane * channels)
        {
            throw new ArgumentException("pixel or destination buffer is smaller than the spec");
        }

        var meanImage = spec.MeanImage;
        Span<float> px = stackalloc float[3];
        for (var i = 0; i < plane; i++)
        {
            float r = rgba[i * 4], g = rgba[(i * 4) + 1], b = rgba[(i * 4) + 2];
            switch (spec.Channels)
            {
                case ChannelOrder.Rgb:
                    px[0] = r; px[1] = g; px[2] = b;
                    break;
                case ChannelOrder.Bgr:
                    px[0] = b; px[1] = g; px[2] = r;
                    break;
                default:
                    px[0] = (0.299f * r) + (0.587f * g) + (0.114f * b);
                    break;
            }

            for (var c = 0; c < channels; c++)
            {
                var index = spec.Nchw ? (c * plane) + i : (i * channels) + c;
                var mean = meanImage is null ? spec.Mean[c] : meanImage[index];
                destination[index] = ((px[c] * spec.Scale) - mean) / spec.Std[c];
            }
        }
    }
}

using SkiaSharp;

namespace DeepSql.Benchmarks;

/// <summary>Makes a folder of at least N JPEG photographs from the real ones (crops and scales of each).</summary>
public static class BenchmarkPhotos
{
    public static string Prepare(string sourceDir, string targetDir, int count)
    {
        Directory.CreateDirectory(targetDir);
        var sources = Directory.EnumerateFiles(sourceDir)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => SKBitmap.Decode(f))
            .Where(b => b is not null && b.Width >= 64 && b.Height >= 64 && b.ColorType != SKColorType.Gray8)
            .ToList();
        if (sources.Count == 0)
        {
            throw new InvalidOperationException($"no photographs in {sourceDir}");
        }

        for (var i = 0; i < count; i++)
        {
            var src = sources[i % sources.Count];
            var variant = i / sources.Count;
            // A different crop of each photo per round: 60–100% of the frame, at 320–640 px on the long side.
            var frac = 0.6f + 0.4f * ((variant * 37) % 11) / 10f;
            var w = (int)(src.Width * frac);
            var h = (int)(src.Height * frac);
            var x = (src.Width - w) * ((variant * 13) % 7) / 6;
            var y = (src.Height - h) * ((variant * 29) % 5) / 4;
            var longSide = 320 + (variant * 53) % 320;
            var scale = (float)longSide / Math.Max(w, h);
            using var cropped = new SKBitmap((int)(w * scale), (int)(h * scale));
            using (var canvas = new SKCanvas(cropped))
            {
                using var image = SKImage.FromBitmap(src);
                canvas.DrawImage(image, new SKRect(x, y, x + w, y + h), new SKRect(0, 0, cropped.Width, cropped.Height),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }

            using var data = cropped.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(Path.Combine(targetDir, $"photo_{i:D4}.jpg"), data.ToArray());
        }

        foreach (var s in sources)
        {
            s.Dispose();
        }

        return targetDir;
    }
}

using DeepSql.TestSupport;
using SkiaSharp;

namespace DeepSql.Server.Tests.Http;

/// <summary>
/// TestSupport's channel-means network as a classifier: image [N,3,4,4] → mean per channel → scores [N,3]. With scale 1/255 a solid
/// color's scores are its channel values over 255, so the top label of pure red is "red" with score 1.
/// </summary>
internal static class TinyColorModel
{
    public const int Size = 4;

    public static byte[] Build(string outputName = "scores") => TinyModels.ChannelMeans(Size, Size, output: outputName);

    public static string Manifest(string name, int width = Size, string labels = """["red","green","blue"]""") => $$"""
        {"name":"{{name}}","task":"classify","description":"tiny color classifier",
         "input":{"tensor":"image","kind":"image","width":{{width}},"height":{{Size}},"resize":"stretch","channels":"RGB",
                  "layout":"NCHW","scale":0.003921569},
         "output":{"tensor":"scores","activation":"none"},"labels":{{labels}}}
        """;

    /// <summary>A PNG of one solid color.</summary>
    public static byte[] Png(byte r, byte g, byte b, int size = 16) => TestImages.Solid(new SKColor(r, g, b), size, size);
}

using DeepSql.TestSupport;
using DeepSql.Udf.Processing;
using SkiaSharp;

namespace DeepSql.Udf.Tests;

public sealed class ImageProcessingTests
{
    private static ImageSpec Spec(int w, int h, bool crop = false, ChannelOrder channels = ChannelOrder.Rgb, bool nchw = true) =>
        new() { Width = w, Height = h, Crop = crop, Channels = channels, Nchw = nchw, Mean = new float[3], Std = [1, 1, 1] };

    private static float[] Feed(byte[] image, ImageSpec spec)
    {
        var floats = new float[spec.ElementCount];
        Assert.True(ImagePreprocessor.TryPreprocess(image, spec, floats, out var error), error);
        return floats;
    }

    // Pixel (x, y) as fed in NCHW RGB.
    private static (float R, float G, float B) At(float[] nchw, ImageSpec spec, int x, int y)
    {
        var plane = spec.Width * spec.Height;
        var i = (y * spec.Width) + x;
        return (nchw[i], nchw[plane + i], nchw[(2 * plane) + i]);
    }

    private static byte[] Stripes(int width, int height, params SKColor[] colors)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, colors[x * colors.Length / width]);
            }
        }

        return TestImages.Encode(bitmap, SKEncodedImageFormat.Png);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 0)]
    [InlineData(SKEncodedImageFormat.Jpeg, 3)]
    [InlineData(SKEncodedImageFormat.Webp, 3)]
    [InlineData(SKEncodedImageFormat.Gif, 0)]
    [InlineData(SKEncodedImageFormat.Bmp, 0)]
    public void Every_format_decodes_to_its_colour(SKEncodedImageFormat format, int tolerance)
    {
        var spec = Spec(4, 4);
        var (r, g, b) = At(Feed(TestImages.Solid(new SKColor(200, 100, 50), 20, 10, format), spec), spec, 1, 1);

        Assert.InRange(r, 200 - tolerance, 200 + tolerance);
        Assert.InRange(g, 100 - tolerance, 100 + tolerance);
        Assert.InRange(b, 50 - tolerance, 50 + tolerance);
    }

    [Fact]
    public void Stretch_keeps_all_of_the_picture_and_crop_keeps_its_centre()
    {
        var image = Stripes(60, 20, TestImages.Green, TestImages.Red, TestImages.Blue);

        var stretch = Spec(30, 10);
        var s = Feed(image, stretch);
        Assert.Equal((0f, 255f, 0f), At(s, stretch, 2, 5));
        Assert.Equal((255f, 0f, 0f), At(s, stretch, 15, 5));
        Assert.Equal((0f, 0f, 255f), At(s, stretch, 27, 5));

        // Shorter side (20) to 10, so the 60-wide picture is 30 wide; the centre 10 columns are all red.
        var crop = Spec(10, 10, crop: true);
        var c = Feed(image, crop);
        Assert.Equal((255f, 0f, 0f), At(c, crop, 0, 5));
        Assert.Equal((255f, 0f, 0f), At(c, crop, 9, 5));
    }

    [Fact]
    public void Channel_order_layout_scale_mean_and_std_give_the_documented_values()
    {
        // Two pixels: (10,20,30) then (40,50,60).
        byte[] rgba = [10, 20, 30, 255, 40, 50, 60, 255];
        var dst = new float[6];

        ImagePreprocessor.Normalize(rgba, new ImageSpec { Width = 2, Height = 1, Scale = 0.5f, Mean = [1, 2, 3], Std = [2, 4, 8] }, dst);
        Assert.Equal([2f, 9.5f, 2f, 5.75f, 1.5f, 3.375f], dst); // NCHW RGB: R plane, G plane, B plane

        ImagePreprocessor.Normalize(rgba, new ImageSpec { Width = 2, Height = 1, Channels = ChannelOrder.Bgr, Nchw = false }, dst);
        Assert.Equal([30f, 20f, 10f, 60f, 50f, 40f], dst); // NHWC BGR: pixel by pixel

        var gray = new float[2];
        ImagePreprocessor.Normalize(rgba, new ImageSpec { Width = 2, Height = 1, Channels = ChannelOrder.Gray, Mean = [0], Std = [1] }, gray);
        Assert.Equal((0.299f * 10) + (0.587f * 20) + (0.114f * 30), gray[0], 4);
    }

    [Fact]
    public void A_mean_image_is_subtracted_element_by_element()
    {
        byte[] rgba = [10, 20, 30, 255, 40, 50, 60, 255];
        var dst = new float[6];
        ImagePreprocessor.Normalize(rgba, new ImageSpec { Width = 2, Height = 1, MeanImage = [1, 2, 3, 4, 5, 6] }, dst);
        Assert.Equal([9f, 38f, 17f, 46f, 25f, 54f], dst);
    }

    [Fact]
    public void Exif_orientation_is_applied()
    {
        // Stored 40x20, red left and blue right; orientation 6 = rotate 90° clockwise to display: red on top.
        var jpeg = TestImages.WithExifOrientation(TestImages.SplitVertical(TestImages.Red, TestImages.Blue, 40, 20, SKEncodedImageFormat.Jpeg), 6);
        Assert.True(ImageDecoder.TryDecode(jpeg, out var upright, out _));
        using (upright)
        {
            Assert.Equal((20, 40), (upright!.Width, upright.Height));
            var top = upright.GetPixel(10, 5);
            var bottom = upright.GetPixel(10, 35);
            Assert.True(top.Red > 200 && top.Blue < 60, $"top is {top}");
            Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"bottom is {bottom}");
        }
    }

    [Fact]
    public void Alpha_is_composited_on_white()
    {
        var spec = Spec(4, 4);
        Assert.Equal((255f, 255f, 255f), At(Feed(TestImages.Solid(SKColors.Transparent), spec), spec, 1, 1));

        var (r, g, b) = At(Feed(TestImages.Solid(new SKColor(255, 0, 0, 128)), spec), spec, 1, 1);
        Assert.Equal(255f, r);
        Assert.InRange(g, 125, 129);
        Assert.InRange(b, 125, 129);
    }

    [Fact]
    public void Grayscale_images_feed_equal_channels()
    {
        var spec = Spec(4, 4);
        Assert.Equal((77f, 77f, 77f), At(Feed(TestImages.Gray(77), spec), spec, 2, 2));
    }

    [Fact]
    public void Bad_bytes_are_refused_with_a_reason()
    {
        var dst = new float[48];
        Assert.False(ImagePreprocessor.TryPreprocess(TestImages.TruncatedJpeg(), Spec(4, 4), dst, out var truncated));
        Assert.False(ImagePreprocessor.TryPreprocess(TestImages.RandomBytes(), Spec(4, 4), dst, out var random));
        Assert.False(ImagePreprocessor.TryPreprocess([], Spec(4, 4), dst, out var empty));
        Assert.All(new[] { truncated, random, empty }, e => Assert.False(string.IsNullOrEmpty(e)));
        Assert.All(dst, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Softmax_topk_and_normalize_are_exact()
    {
        var p = new float[3];
        VectorMath.Softmax([1f, 0f, 0f], p);
        Assert.Equal(Math.E / (Math.E + 2), p[0], 6);
        Assert.Equal([2, 0, 1], VectorMath.TopK([0.1f, 0.1f, 0.8f], 5));
        float[] v = [3, 4];
        VectorMath.L2Normalize(v);
        Assert.Equal([0.6f, 0.8f], v);
    }

    [Fact]
    public void Large_jpegs_may_decode_reduced_but_never_below_the_size_asked_for()
    {
        var jpeg = TestImages.SplitVertical(TestImages.Red, TestImages.Blue, 800, 400, SKEncodedImageFormat.Jpeg);

        Assert.True(ImageDecoder.TryDecode(jpeg, 100, 100, out var reduced, out _));
        Assert.True(ImageDecoder.TryDecode(jpeg, out var full, out _));
        using (reduced)
        using (full)
        {
            Assert.Equal((800, 400), (full!.Width, full.Height));
            Assert.True(reduced!.Width < 800 && reduced.Width >= 100 && reduced.Height >= 100, $"{reduced.Width}x{reduced.Height}");
            Assert.True(reduced.GetPixel(reduced.Width / 4, reduced.Height / 2).Red > 200);
            Assert.True(reduced.GetPixel(reduced.Width * 3 / 4, reduced.Height / 2).Blue > 200);
        }
    }
}

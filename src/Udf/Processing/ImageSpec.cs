using DeepSql.Registry;

namespace DeepSql.Udf.Processing;

/// <summary>Channel order of the fed tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue.</summary>
    Rgb,

    /// <summary>Blue, green, red.</summary>
    Bgr,

    /// <summary>One luma channel.</summary>
    Gray,
}

/// <summary>
/// The image half of a manifest, resolved into numbers: fed value = (pixel × <see cref="Scale"/> − mean) / std,
/// where mean is <see cref="MeanImage"/>[index] if present, else <see cref="Mean"/>[channel].
/// </summary>
public sealed record ImageSpec
{
    /// <summary>Output width.</summary>
    public required int Width { get; init; }

    /// <summary>Output height.</summary>
    public required int Height { get; init; }

    /// <summary>True: shorter side to size, then center crop. False: stretch to size.</summary>
    public bool Crop { get; init; }

    /// <summary>Channel order of the fed tensor.</summary>
    public ChannelOrder Channels { get; init; } = ChannelOrder.Rgb;

    /// <summary>True for NCHW, false for NHWC.</summary>
    public bool Nchw { get; init; } = true;

    /// <summary>Multiplies 0–255 pixel values.</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Per fed channel; zeros when absent.</summary>
    public float[] Mean { get; init; } = [0, 0, 0];

    /// <summary>Per fed channel; ones when absent.</summary>
    public float[] Std { get; init; } = [1, 1, 1];

    /// <summary>Optional mean image with one value per fed element (C×H×W in the spec's layout).</summary>
    public float[]? MeanImage { get; init; }

    /// <summary>Number of channels fed.</summary>
    public int ChannelCount => Channels == ChannelOrder.Gray ? 1 : 3;

    /// <summary>Floats per image.</summary>
    public int ElementCount => ChannelCount * Width * Height;

    /// <summary>Builds the spec of a manifest input; a mean image (if named) is supplied by the caller.</summary>
    public static ImageSpec FromManifest(InputSpec input, float[]? meanImage)
    {
        var channels = input.Channels switch
        {
            "BGR" => ChannelOrder.Bgr,
            "GRAY" => ChannelOrder.Gray,
            _ => ChannelOrder.Rgb,
        };
        var count = channels == ChannelOrder.Gray ? 1 : 3;
        return new ImageSpec
        {
            Width = input.Width,
            Height = input.Height,
            Crop = input.Resize == "crop",
            Channels = channels,
            Nchw = input.Layout != "NHWC",
            Scale = input.Scale,
            Mean = input.Mean?.Values is { } m ? [.. m] : new float[count],
            Std = input.Std is { } s ? [.. s] : Enumerable.Repeat(1f, count).ToArray(),
            MeanImage = meanImage,
        };
    }
}

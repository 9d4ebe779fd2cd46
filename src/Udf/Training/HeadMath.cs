using System.Numerics;

namespace DeepSql.Udf.Training;

/// <summary>Small dense kernels. Fixed reduction order: the same inputs give bit-identical results.</summary>
internal static class HeadMath
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        var i = 0;
        var acc = Vector<float>.Zero;
        var width = Vector<float>.Count;
        for (; i <= n - width; i += width)
        {
            acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        double sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y += alpha · x.</summary>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        var n = x.Length;
        var i = 0;
        var width = Vector<float>.Count;
        var va = new Vector<float>(alpha);
        for (; i <= n - width; i += width)
        {
            (new Vector<float>(y[i..]) + va * new Vector<float>(x[i..])).CopyTo(y[i..]);
        }

        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    public static void SoftmaxInPlace(Span<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = Math.Exp(logits[k] - max);
            sum += logits[k];
        }

        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] /= sum;
        }
    }
}

namespace DeepSql.Udf.Processing;

/// <summary>Small vector helpers: softmax, top-k, L2 normalization, cosine. Span in, span out.</summary>
public static class VectorMath
{
    /// <summary>Numerically stable softmax of <paramref name="logits"/> into <paramref name="destination"/>.</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> destination)
    {
        if (logits.Length == 0)
        {
            return;
        }

        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = Math.Exp(logits[i] - max);
            destination[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < logits.Length; i++)
        {
            destination[i] = (float)(destination[i] / sum);
        }
    }

    /// <summary>Indices of the <paramref name="k"/> largest scores, best first (ties: lower index first).</summary>
    public static int[] TopK(ReadOnlySpan<float> scores, int k)
    {
        k = Math.Clamp(k, 0, scores.Length);
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var copy = scores.ToArray();
        Array.Sort(order, (a, b) => copy[b] != copy[a] ? copy[b].CompareTo(copy[a]) : a.CompareTo(b));
        return order[..k];
    }

    /// <summary>Scales <paramref name="vector"/> to unit length in place (a zero vector stays zero).</summary>
    public static void L2Normalize(Span<float> vector)
    {
        var sum = 0.0;
        foreach (var v in vector)
        {
            sum += v * (double)v;
        }

        var norm = Math.Sqrt(sum);
        if (norm < 1e-12)
        {
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }
    }

    /// <summary>Cosine similarity of two vectors of equal length.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}

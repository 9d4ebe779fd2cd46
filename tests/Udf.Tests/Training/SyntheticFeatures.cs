namespace DeepSql.Udf.Tests.Training;

/// <summary>Gaussian blobs around well-separated class centres, from a seed.</summary>
internal static class SyntheticFeatures
{
    public static (List<float[]> Features, List<int> Labels) Blobs(int classes, int perClass, int dimensions, int seed,
        double spread = 0.3, double offset = 5.0)
    {
        var rng = new Random(seed);
        var centres = new float[classes][];
        for (var k = 0; k < classes; k++)
        {
            centres[k] = new float[dimensions];
            centres[k][k % dimensions] = 3f;
            for (var j = 0; j < dimensions; j++)
            {
                // A large common offset and different scales per feature exercise the standardization.
                centres[k][j] = (float)((centres[k][j] + offset) * (1 + j));
            }
        }

        var features = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < perClass; i++)
        {
            for (var k = 0; k < classes; k++)
            {
                var row = new float[dimensions];
                for (var j = 0; j < dimensions; j++)
                {
                    row[j] = centres[k][j] + (float)(Gaussian(rng) * spread * (1 + j));
                }

                features.Add(row);
                labels.Add(k);
            }
        }

        return (features, labels);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

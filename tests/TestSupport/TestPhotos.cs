namespace DeepSql.TestSupport;

/// <summary>
/// Real photos for tests of the shipped networks, from the folder named by DEEPSQL_TEST_PHOTOS
/// (e.g. scikit-image's data folder: chelsea.png, coffee.png, astronaut.png, rocket.jpg).
/// </summary>
public static class TestPhotos
{
    /// <summary>The environment variable naming the folder.</summary>
    public const string Variable = "DEEPSQL_TEST_PHOTOS";

    /// <summary>Every .png/.jpg/.jpeg in the folder, by name; throws with a clear message when there is none.</summary>
    public static IReadOnlyList<string> All()
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"{Variable} must name a folder of real photos (got '{folder}'). For example: apt-get download python3-skimage && " +
                "dpkg -x python3-skimage*.deb /tmp/skimage, then DEEPSQL_TEST_PHOTOS=/tmp/skimage/usr/lib/python3/dist-packages/skimage/data");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg")
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new InvalidOperationException($"{Variable}={folder} holds no .png/.jpg photos");
    }

    /// <summary>One named photo (e.g. "chelsea.png") from the folder.</summary>
    public static byte[] Read(string fileName) =>
        File.ReadAllBytes(All().FirstOrDefault(f => Path.GetFileName(f) == fileName)
            ?? throw new InvalidOperationException($"{Variable} has no {fileName}"));
}

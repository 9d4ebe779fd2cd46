using System.Globalization;
using Npgsql;

namespace DeepSql.Integration.Tests;

/// <summary>The README's first queries, against the real pretrained networks, through psql and Npgsql.</summary>
[Collection("service")]
public sealed class ShippedModelTests(ServiceFixture service)
{
    [Fact]
    public void Psql_featurizes_the_sample_photos()
    {
        var samples = Path.Combine(service.DataDir, "samples");
        var (code, stdout, stderr) = service.Psql("-A", "-t", "-F", "|", "-c",
            $"SELECT filename, featurize(content)[1:4] FROM read_blob('{samples}/*.png') ORDER BY filename");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("chelsea.png", lines[0].Split('|')[0]);
        Assert.EndsWith("coffee.png", lines[1].Split('|')[0]);
        foreach (var line in lines)
        {
            var vector = line.Split('|')[1];
            Assert.StartsWith("{", vector);
            var values = vector.Trim('{', '}').Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(4, values.Length);
            // ResNet18's pooled features come after a ReLU: non-negative, and not all zero for a photograph.
            Assert.All(values, v => Assert.True(v >= 0));
        }
    }

    [Fact]
    public async Task Featurize_gives_512_features_and_distinguishes_photos()
    {
        await using var conn = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT filename, featurize(content) FROM read_blob('{Photos.Dir}/*.jpg') ORDER BY filename", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var vectors = new List<float[]>();
        while (await reader.ReadAsync())
        {
            var v = reader.GetFieldValue<float[]>(1);
            Assert.Equal(512, v.Length);
            Assert.Contains(v, x => x > 0);
            vectors.Add(v);
        }

        Assert.True(vectors.Count >= 4, $"only {vectors.Count} photos");
        // Different photographs give different feature vectors.
        Assert.NotEqual(vectors[0], vectors[1]);
    }

    [Fact]
    public async Task Embed_matches_the_published_minilm_similarities()
    {
        await using var conn = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT list_cosine_similarity(embed('The weather is lovely today.'), embed('It''s so sunny outside!')),
                   list_cosine_similarity(embed('The weather is lovely today.'), embed('He drove to the stadium.')),
                   len(embed('x'))
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(0.666, Convert.ToDouble(reader.GetValue(0), CultureInfo.InvariantCulture), 2);
        Assert.Equal(0.105, Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture), 2);
        Assert.Equal(384L, Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Psql_embed_example_from_the_readme()
    {
        var (code, stdout, stderr) = service.Psql("-A", "-t", "-c",
            "SELECT round(list_cosine_similarity(embed('The weather is lovely today.'), embed('It''s so sunny outside!')), 3)");
        Assert.True(code == 0, stderr);
        Assert.Equal("0.666", stdout.Trim());
    }

    [Fact]
    public async Task Health_is_ok_once_the_models_are_loaded()
    {
        using var response = await service.Http.GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class TrainingEndpointTests(HttpTestHost host) : IClassFixture<HttpTestHost>
{
    private const string BackboneManifest = """
        {"name":"te_features","task":"featurize","input":{"tensor":"image","kind":"image","width":4,"height":4,
         "channels":"RGB","layout":"NCHW","scale":0.003921569},"output":{"tensor":"features"}}
        """;

    private static async Task<JsonElement> WaitForEndAsync(HttpClient admin, string id)
    {
        // a job on 12 tiny images ends in well under a second; the bound only keeps a broken job from hanging the run
        for (var i = 0; i < 600; i++)
        {
            var job = await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (job.GetProperty("status").GetString() != "Running")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"job {id} still running");
    }

    [Fact]
    public async Task Training_runs_in_the_background_reports_accuracies_and_publishes_the_model()
    {
        // the backbone's output is not named "scores": the published graph would have that name twice
        (await host.RegisterAsync("te_features", onnx: TinyColorModel.Build("features"), manifest: BackboneManifest)).Dispose();
        var folder = Path.Combine(host.Directory, "te_train");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 6; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"red_{i}.png"), TinyColorModel.Png((byte)(200 + (i * 10)), 0, 0));
            await File.WriteAllBytesAsync(Path.Combine(folder, $"blue_{i}.png"), TinyColorModel.Png(0, 0, (byte)(200 + (i * 10))));
        }

        using var admin = host.Admin();
        using var start = await admin.PostAsJsonAsync("/api/models/train", new
        {
            name = "te_head",
            query = $"SELECT content AS image, split_part(parse_filename(filename), '_', 1) AS label FROM read_blob('{folder}/*.png')",
            backbone = "te_features",
            epochs = 200,
            validation = 0.0,
            seed = 7,
        });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal($"/api/jobs/{id}", start.Headers.Location?.ToString());

        var job = await WaitForEndAsync(admin, id);
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        var report = job.GetProperty("report");
        Assert.Equal(1.0, report.GetProperty("trainAccuracy").GetDouble());
        Assert.Equal(["blue", "red"], report.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(12, report.GetProperty("rowsUsed").GetInt32());
        Assert.NotEqual(0, job.GetProperty("progress").GetArrayLength());

        var red = new ByteArrayContent(TinyColorModel.Png(230, 0, 0));
        using var predict = await admin.PostAsync("/api/predict/te_head", red);
        Assert.Equal("red", (await predict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_job_with_a_bad_query_fails_with_the_reason()
    {
        using var admin = host.Admin();
        using var start = await admin.PostAsJsonAsync("/api/models/train", new { name = "te_bad", query = "SELECT 1 AS label" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = await WaitForEndAsync(admin, (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_request_without_name_or_query_is_400_by_field()
    {
        using var admin = host.Admin();
        using var response = await admin.PostAsJsonAsync("/api/models/train", new { name = "", query = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("query", out _));
    }

    [Fact]
    public async Task Training_and_jobs_need_the_token_and_unknown_jobs_are_404()
    {
        using var analyst = host.Analyst();
        using (var refused = await analyst.PostAsJsonAsync("/api/models/train", new { name = "te_x", query = "SELECT 1" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var admin = host.Admin();
        using var missing = await admin.GetAsync("/api/jobs/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var cancelMissing = await admin.DeleteAsync("/api/jobs/nope");
        Assert.Equal(HttpStatusCode.NotFound, cancelMissing.StatusCode);
    }
}

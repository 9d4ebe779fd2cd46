using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class ServiceEndpointTests(HttpTestHost host) : IClassFixture<HttpTestHost>
{
    [Fact]
    public async Task Health_is_503_until_every_part_is_up()
    {
        using var client = host.Anonymous();
        Assert.True(host.Health.HttpListening); // set by the host's start
        host.Health.ModelsLoaded = true;
        host.Health.PgListening = false;
        using (var starting = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
            Assert.False((await starting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pgListening").GetBoolean());
        }

        host.Health.PgListening = true;
        using var up = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal("ok", (await up.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_count_queries_by_outcome_and_models_by_rows()
    {
        (await host.RegisterAsync("se_color")).Dispose();
        using var analyst = host.Analyst();
        (await analyst.PostAsJsonAsync("/api/query", new { sql = "SELECT 1" })).Dispose();
        (await analyst.PostAsJsonAsync("/api/query", new { sql = "SELECT * FROM se_missing" })).Dispose();
        var folder = Path.Combine(host.Directory, "se_images");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "red.png"), TinyColorModel.Png(255, 0, 0));
        using (var predicted = await analyst.PostAsJsonAsync("/api/query", new { sql = $"SELECT se_color(content) FROM read_blob('{folder}/*.png')" }))
        {
            Assert.Equal("red", (await predicted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0][0].GetString());
        }

        var text = await host.Anonymous().GetStringAsync("/metrics");
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("deepsql_queries_total{outcome=\"ok\",port=\"http\"} ", StringComparison.Ordinal)
            && long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Contains(lines, l => l.StartsWith("deepsql_queries_total{outcome=\"error\",port=\"http\"} ", StringComparison.Ordinal));
        Assert.True(lines.Contains("deepsql_model_rows_total{model=\"se_color\"} 1"), text);
        Assert.Contains("deepsql_open_sessions{port=\"http\"} 0", lines);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint()
    {
        var doc = await host.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
                 {
                     "/api/models", "/api/models/{name}", "/api/models/inspect", "/api/models/{name}/versions/{version}",
                     "/api/models/{name}/aliases/{alias}", "/api/models/{name}/file", "/api/query", "/api/predict/{function}",
                     "/api/models/train", "/api/jobs/{id}", "/health", "/metrics", "/admin/login",
                 })
        {
            Assert.Contains(path, paths);
        }

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("QueryRequest", out _));
        Assert.True(schemas.TryGetProperty("ModelDetailDto", out _));
        var upload = doc.GetProperty("paths").GetProperty("/api/models").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(upload.TryGetProperty("multipart/form-data", out _));
        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("adminToken", out _));
        var query = doc.GetProperty("paths").GetProperty("/api/query").GetProperty("post");
        Assert.True(query.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
    }

    [Fact]
    public async Task The_scalar_reference_page_is_served()
    {
        using var client = host.Anonymous();
        using var response = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);

        // its script comes from this service, not from a CDN (the machines have no internet)
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.DoesNotContain("://", src);
            using var script = await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
    }

    [Fact]
    public async Task The_admin_page_logs_in_with_the_token_and_the_cookie_unlocks_admin_endpoints()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        var page = await browser.GetStringAsync("/admin");
        Assert.Contains("DeepSQL", page);
        Assert.Contains("admin.js", page);
        using (var script = await browser.GetAsync("/admin/admin.js"))
        {
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }

        using (var missing = await browser.GetAsync("/admin/nope.js"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var refused = await browser.PostAsJsonAsync("/admin/login", new { token = "wrong" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/admin/session")).GetProperty("admin").GetBoolean());
        using (var login = await browser.PostAsJsonAsync("/admin/login", new { token = HttpTestHost.AdminToken }))
        {
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
            Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase)
                && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        }

        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/admin/session")).GetProperty("admin").GetBoolean());
        using (var register = await browser.PostAsync("/api/models", HttpTestHost.Upload(TinyColorModel.Build(), TinyColorModel.Manifest("se_cookie"))))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        }

        (await browser.PostAsync("/admin/logout", null)).Dispose();
        using var after = await browser.DeleteAsync("/api/models/se_cookie");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}

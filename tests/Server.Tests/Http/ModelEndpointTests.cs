using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class ModelEndpointTests(HttpTestHost host) : IClassFixture<HttpTestHost>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Register_returns_201_with_the_stored_version()
    {
        using var response = await host.RegisterAsync("me_color");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/models/me_color", response.Headers.Location?.ToString());
        var body = await JsonAsync(response);
        Assert.Equal("me_color", body.GetProperty("name").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(64, body.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(TinyColorModel.Build().Length, body.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("blue", body.GetProperty("manifest").GetProperty("labels")[2].GetString());
        Assert.True(host.Store.TryResolve("me_color", out _));
    }

    [Fact]
    public async Task Register_without_the_token_is_401_and_stores_nothing()
    {
        using var client = host.Anonymous();
        using var response = await client.PostAsync("/api/models",
            HttpTestHost.Upload(TinyColorModel.Build(), TinyColorModel.Manifest("me_anon")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(host.Store.TryGet("me_anon", out _));
    }

    [Fact]
    public async Task A_manifest_that_does_not_fit_the_graph_is_400_keyed_by_field()
    {
        using var response = await host.RegisterAsync("me_bad", manifest: TinyColorModel.Manifest("me_bad", width: 8, labels: """["a","b"]"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("8x4", errors.GetProperty("input.width")[0].GetString());
        Assert.Contains("2 labels", errors.GetProperty("labels")[0].GetString());
        Assert.False(host.Store.TryGet("me_bad", out _));
    }

    [Fact]
    public async Task Unparseable_manifest_json_is_400()
    {
        using var response = await host.RegisterAsync("me_json", manifest: "{\"name\": ");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task A_file_that_is_not_onnx_is_400_with_the_reason()
    {
        using var response = await host.RegisterAsync("me_notonnx", onnx: "this is not a model"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("model", out var model), errors.ToString());
        Assert.False(string.IsNullOrWhiteSpace(model[0].GetString()));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413()
    {
        using var response = await host.RegisterAsync("me_big", onnx: new byte[HttpTestHost.MaxUploadBytes + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(host.Store.TryGet("me_big", out _));
    }

    [Fact]
    public async Task Versions_aliases_download_and_delete()
    {
        (await host.RegisterAsync("me_life")).Dispose();
        (await host.RegisterAsync("me_life")).Dispose();
        using var admin = host.Admin();

        var detail = await admin.GetFromJsonAsync<JsonElement>("/api/models/me_life");
        Assert.Equal(2, detail.GetProperty("versions").GetArrayLength());
        Assert.Equal(2, detail.GetProperty("currentVersion").GetInt32());
        Assert.Equal("classify", detail.GetProperty("task").GetString());

        using (var alias = await admin.PutAsJsonAsync("/api/models/me_life/aliases/current", new { version = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        }

        detail = await admin.GetFromJsonAsync<JsonElement>("/api/models/me_life");
        Assert.Equal(1, detail.GetProperty("currentVersion").GetInt32());
        Assert.Equal(1, detail.GetProperty("aliases").GetProperty("current").GetInt32());

        using (var badAlias = await admin.PutAsJsonAsync("/api/models/me_life/aliases/current", new { version = 9 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badAlias.StatusCode);
        }

        Assert.Equal(TinyColorModel.Build(), await admin.GetByteArrayAsync("/api/models/me_life/file?version=2"));

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/models");
        var row = list.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "me_life");
        Assert.Equal(2, row.GetProperty("versions").GetInt32());
        Assert.StartsWith("image 4×4 RGB NCHW", row.GetProperty("input").GetString());

        using (var deleteVersion = await admin.DeleteAsync("/api/models/me_life/versions/2"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleteVersion.StatusCode);
        }

        detail = await admin.GetFromJsonAsync<JsonElement>("/api/models/me_life");
        Assert.Equal([1], detail.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        using (var delete = await admin.DeleteAsync("/api/models/me_life"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var gone = await admin.GetAsync("/api/models/me_life");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var goneAgain = await admin.DeleteAsync("/api/models/me_life");
        Assert.Equal(HttpStatusCode.NotFound, goneAgain.StatusCode);
    }

    [Fact]
    public async Task Delete_needs_the_token_as_bearer_or_header()
    {
        (await host.RegisterAsync("me_keep")).Dispose();
        using var client = host.Analyst();
        using var response = await client.DeleteAsync("/api/models/me_keep");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(host.Store.TryGet("me_keep", out _));

        using var wrongToken = host.Anonymous();
        wrongToken.DefaultRequestHeaders.Add("X-Admin-Token", "not-it");
        using (var refused = await wrongToken.DeleteAsync("/api/models/me_keep"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var headerToken = host.Anonymous();
        headerToken.DefaultRequestHeaders.Add("X-Admin-Token", HttpTestHost.AdminToken);
        using var deleted = await headerToken.DeleteAsync("/api/models/me_keep");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(host.Store.TryGet("me_keep", out _));
    }

    [Fact]
    public async Task Inspect_shows_inputs_and_outputs_and_stores_nothing()
    {
        using var admin = host.Admin();
        var form = new MultipartFormDataContent { { new ByteArrayContent(TinyColorModel.Build("logits")), "model", "x.onnx" } };
        using var response = await admin.PostAsync("/api/models/inspect", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        var input = body.GetProperty("inputs")[0];
        Assert.Equal("image", input.GetProperty("name").GetString());
        Assert.Equal("float", input.GetProperty("elementType").GetString());
        Assert.Equal([-1L, 3, 4, 4], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal("logits", body.GetProperty("outputs")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Inspect_of_a_raw_body_that_is_not_onnx_is_400()
    {
        using var admin = host.Admin();
        using var response = await admin.PostAsync("/api/models/inspect", new ByteArrayContent([1, 2, 3, 4]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("not a loadable ONNX file", (await JsonAsync(response)).GetProperty("detail").GetString());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepSql.TestSupport;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class PredictEndpointTests(HttpTestHost host) : IClassFixture<HttpTestHost>, IAsyncLifetime
{
    public async Task InitializeAsync() => (await host.RegisterAsync("pe_color")).Dispose();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_raw_image_body_gets_its_top_label_and_scores()
    {
        using var client = host.Analyst();
        var body = new ByteArrayContent(TinyColorModel.Png(255, 0, 0));
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await client.PostAsync("/api/predict/pe_color", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("classify", json.GetProperty("task").GetString());
        Assert.True(json.GetProperty("latencyMs").GetDouble() >= 0);
        var result = json.GetProperty("results")[0];
        Assert.Equal("red", result.GetProperty("label").GetString());
        Assert.Equal(1f, result.GetProperty("score").GetSingle(), 4);
        Assert.Equal(["red", "green", "blue"], result.GetProperty("top").EnumerateArray().Select(t => t.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Several_files_in_one_upload_get_one_answer_each_and_a_bad_one_an_error()
    {
        using var client = host.Analyst();
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TinyColorModel.Png(0, 0, 255)), "file", "blue.png" },
            { new ByteArrayContent("not an image"u8.ToArray()), "file", "broken.png" },
            { new ByteArrayContent(TinyColorModel.Png(0, 200, 0)), "file", "green.png" },
        };
        using var response = await client.PostAsync("/api/predict/pe_color_topk", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal("blue.png", results[0].GetProperty("input").GetString());
        Assert.Equal("blue", results[0].GetProperty("label").GetString());
        Assert.True(results[1].TryGetProperty("error", out _));
        Assert.Equal("green", results[2].GetProperty("label").GetString());
        Assert.Equal(200f / 255f, results[2].GetProperty("score").GetSingle(), 3);
    }

    [Fact]
    public async Task A_text_model_embeds_plain_text_and_json_texts()
    {
        // the tiny text model echoes token ids: [CLS]=2 hello=5 world=6 [SEP]=3, mean-pooled
        var form = HttpTestHost.Upload(TinyModels.TokenEcho(), """
            {"name":"pe_echo","task":"embed_text","input":{"tensor":"input_ids","kind":"text","tokenizer":"bert-wordpiece-lower","max_tokens":16},
             "output":{"tensor":"last_hidden_state","pooling":"mean"}}
            """);
        form.Add(new ByteArrayContent("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n"u8.ToArray()), "vocab", "vocab.txt");
        using var admin = host.Admin();
        using (var registered = await admin.PostAsync("/api/models", form))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            Assert.Equal("vocab.txt", (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assets")[0].GetString());
        }

        using var plain = await admin.PostAsync("/api/predict/pe_echo", new StringContent("Hello WORLD", Encoding.UTF8, "text/plain"));
        var one = (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.Equal([4f], one.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));

        using var json = await admin.PostAsJsonAsync("/api/predict/pe_echo", new { texts = new[] { "hello", "hello world" } });
        var results = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal(10f / 3, results[0].GetProperty("vector")[0].GetSingle(), 5);
        Assert.Equal(4f, results[1].GetProperty("vector")[0].GetSingle());
    }

    [Fact]
    public async Task An_unknown_function_is_404()
    {
        using var client = host.Analyst();
        using var response = await client.PostAsync("/api/predict/pe_nothing", new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Prediction_needs_a_user()
    {
        using var client = host.Anonymous();
        using var response = await client.PostAsync("/api/predict/pe_color", new ByteArrayContent(TinyColorModel.Png(1, 2, 3)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class QueryEndpointTests(HttpTestHost host) : IClassFixture<HttpTestHost>
{
    private async Task<HttpResponseMessage> QueryAsync(object body, string? accept = null, HttpClient? client = null)
    {
        var owned = client is null;
        client ??= host.Analyst();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/query") { Content = JsonContent.Create(body) };
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            return await client.SendAsync(request);
        }
        finally
        {
            if (owned)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Rows_come_back_as_json_with_typed_columns()
    {
        using var response = await QueryAsync(new { sql = "SELECT 42 AS answer, 'x' AS s, [1.5, 2.5]::FLOAT[] AS v, '\\x01\\x02'::BLOB AS b, NULL::INTEGER AS n" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(["answer", "s", "v", "b", "n"], body.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("FLOAT[]", body.GetProperty("columns")[2].GetProperty("type").GetString());
        var row = body.GetProperty("rows")[0];
        Assert.Equal(42, row[0].GetInt32());
        Assert.Equal("x", row[1].GetString());
        Assert.Equal([1.5f, 2.5f], row[2].EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(Convert.ToBase64String([1, 2]), row[3].GetString());
        Assert.Equal(JsonValueKind.Null, row[4].ValueKind);
        Assert.Equal(1, body.GetProperty("rowCount").GetInt32());
    }

    [Fact]
    public async Task Positional_parameters_bind_as_an_array_or_an_object()
    {
        using var array = await QueryAsync(new { sql = "SELECT $1::INTEGER + 1 AS n, $2 AS s", parameters = new object[] { 41, "hi" } });
        var row = (await JsonAsync(array)).GetProperty("rows")[0];
        Assert.Equal(42, row[0].GetInt32());
        Assert.Equal("hi", row[1].GetString());

        using var byKey = await QueryAsync(new { sql = "SELECT $1::INTEGER * 2 AS n", parameters = new Dictionary<string, object> { ["$1"] = 21 } });
        Assert.Equal(42, (await JsonAsync(byKey)).GetProperty("rows")[0][0].GetInt32());
    }

    [Fact]
    public async Task Limit_stops_the_result_and_says_it_was_truncated()
    {
        using var response = await QueryAsync(new { sql = "SELECT i FROM range(10) t(i) ORDER BY i", limit = 3 });
        var body = await JsonAsync(response);
        Assert.Equal([0L, 1, 2], body.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64()));
        Assert.True(body.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("SELECT * FROM no_such_table_here", "42P01", HttpStatusCode.BadRequest)]
    [InlineData("SELEC 1", "42601", HttpStatusCode.BadRequest)]
    [InlineData("SELECT no_such_function_here(1)", "42883", HttpStatusCode.BadRequest)]
    public async Task Sql_errors_are_problem_details_with_the_sqlstate(string sql, string sqlState, HttpStatusCode status)
    {
        using var response = await QueryAsync(new { sql });
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sqlState, (await JsonAsync(response)).GetProperty("sqlstate").GetString());
    }

    [Fact]
    public async Task A_statement_over_its_timeout_is_408_with_57014()
    {
        using var response = await QueryAsync(new { sql = "SELECT sum(hash(i)) FROM range(1000000000000) t(i)", timeoutMs = 200 });
        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Equal("57014", (await JsonAsync(response)).GetProperty("sqlstate").GetString());
    }

    [Fact]
    public async Task Queries_need_a_user_when_users_are_configured()
    {
        using var anonymous = host.Anonymous();
        using var none = await QueryAsync(new { sql = "SELECT 1" }, client: anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);

        using var wrong = host.Analyst("wrong");
        using var refused = await QueryAsync(new { sql = "SELECT 1" }, client: wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var admin = host.Admin();
        using var allowed = await QueryAsync(new { sql = "SELECT 1 AS ok" }, client: admin);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Csv_by_accept_has_a_header_and_quoted_fields()
    {
        using var response = await QueryAsync(new { sql = "SELECT 1 AS id, 'a,b' AS s UNION ALL SELECT 2, NULL ORDER BY id" }, "text/csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id,s\r\n1,\"a,b\"\r\n2,\r\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ndjson_by_accept_is_a_header_line_and_one_object_per_row()
    {
        using var response = await QueryAsync(new { sql = "SELECT i AS n FROM range(3) t(i) ORDER BY i" }, "application/x-ndjson");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("n", JsonDocument.Parse(lines[0]).RootElement.GetProperty("columns")[0].GetProperty("name").GetString());
        Assert.Equal(2, JsonDocument.Parse(lines[3]).RootElement.GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task Arrow_by_accept_streams_one_record_batch_per_engine_batch()
    {
        using var response = await QueryAsync(new { sql = "SELECT i, [i::FLOAT, 0.5]::FLOAT[] AS v FROM range(5000) t(i) ORDER BY i" },
            "application/vnd.apache.arrow.stream");
        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new ArrowStreamReader(await response.Content.ReadAsStreamAsync());
        var batches = new List<RecordBatch>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            batches.Add(batch);
        }

        Assert.True(batches.Count >= 3, $"{batches.Count} batches");
        Assert.Equal(5000, batches.Sum(b => b.Length));
        var last = batches[^1];
        Assert.Equal(4999L, ((Int64Array)last.Column(0)).GetValue(last.Length - 1));
        var vectors = (ListArray)last.Column(1);
        Assert.Equal(new float?[] { 4999f, 0.5f }, ((FloatArray)vectors.GetSlicedValues(last.Length - 1)).ToArray());
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_has_no_sql_is_400()
    {
        using var client = host.Analyst();
        using var broken = await client.PostAsync("/api/query", new StringContent("{\"sql\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        using var empty = await QueryAsync(new { sql = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("42601", (await JsonAsync(empty)).GetProperty("sqlstate").GetString());
    }

    [Fact]
    public async Task Unsupported_accept_is_406()
    {
        using var response = await QueryAsync(new { sql = "SELECT 1" }, "image/png");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task A_registered_model_is_a_sql_function_over_files()
    {
        (await host.RegisterAsync("qe_color")).Dispose();
        var folder = Path.Combine(host.Directory, "qe_images");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "a_red.png"), TinyColorModel.Png(255, 0, 0));
        await File.WriteAllBytesAsync(Path.Combine(folder, "b_blue.png"), TinyColorModel.Png(0, 0, 255));

        using var response = await QueryAsync(new
        {
            sql = $"SELECT parse_filename(filename) AS f, qe_color(content) AS label FROM read_blob('{folder}/*.png') ORDER BY f",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await JsonAsync(response)).GetProperty("rows");
        Assert.Equal(["a_red.png:red", "b_blue.png:blue"], rows.EnumerateArray().Select(r => $"{r[0].GetString()}:{r[1].GetString()}"));
    }
}

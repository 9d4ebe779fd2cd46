using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DeepSql.TestSupport;
using Npgsql;

namespace DeepSql.Integration.Tests;

/// <summary>
/// A model registered over HTTP becomes a SQL function in sessions that are already open, within a second, and the
/// function answers exactly (the tests' own tiny colour classifier).
/// </summary>
[Collection("service")]
public sealed class ModelRegistrationTests(ServiceFixture service)
{
    private static MultipartFormDataContent Upload(byte[] onnx, string manifest)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(onnx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "model", "model.onnx");
        form.Add(new StringContent(manifest, System.Text.Encoding.UTF8, "application/json"), "manifest");
        return form;
    }

    private static async Task<string?> ClassifyAsync(NpgsqlConnection conn, string function, byte[] image)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {function}($1)", conn);
        cmd.Parameters.AddWithValue(image);
        var v = await cmd.ExecuteScalarAsync();
        return v as string;
    }

    [Fact]
    public async Task Registered_model_is_callable_in_an_open_session_within_a_second()
    {
        await using var conn = await service.OpenAsync();
        await using var other = await service.OpenAsync();
        var sw = Stopwatch.StartNew();
        using var response = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_color")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registeredAt = sw.Elapsed;

        string? label = null;
        while (sw.Elapsed - registeredAt < TimeSpan.FromSeconds(1))
        {
            try
            {
                label = await ClassifyAsync(conn, "it_color", TestImages.Solid(TestImages.Red));
                break;
            }
            catch (PostgresException e) when (e.SqlState == "42883")
            {
                await Task.Delay(20);
            }
        }

        Assert.Equal("red", label);
        Assert.Equal("green", await ClassifyAsync(other, "it_color", TestImages.Solid(TestImages.Green)));
        Assert.Equal("blue", await ClassifyAsync(other, "it_color", TestImages.Solid(TestImages.Blue)));
    }

    [Fact]
    public async Task Channel_order_of_the_manifest_is_honoured()
    {
        // The same network registered as reading BGR: a red photo arrives in the "blue" slot.
        using var rgb = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_rgb", channels: "RGB")));
        using var bgr = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_bgr", channels: "BGR")));
        Assert.Equal(HttpStatusCode.Created, rgb.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bgr.StatusCode);
        await using var conn = await service.OpenAsync();
        var red = TestImages.Solid(TestImages.Red, 64, 48, SkiaSharp.SKEncodedImageFormat.Jpeg);
        Assert.Equal("red", await ClassifyAsync(conn, "it_rgb", red));
        Assert.Equal("blue", await ClassifyAsync(conn, "it_bgr", red));
    }

    [Fact]
    public async Task Topk_and_scores_functions_come_with_a_classifier()
    {
        using var r = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_family")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        await using var conn = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT it_family_topk($1, 2)[1].label, len(it_family_topk($1, 2)), len(it_family_scores($1)), " +
            "list_sum(it_family_scores($1))", conn);
        cmd.Parameters.AddWithValue(TestImages.Solid(TestImages.Green));
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("green", reader.GetString(0));
        Assert.Equal(2L, Convert.ToInt64(reader.GetValue(1)));
        Assert.Equal(3L, Convert.ToInt64(reader.GetValue(2)));
        Assert.Equal(1.0, Convert.ToDouble(reader.GetValue(3)), 4);
    }

    [Fact]
    public async Task Undecodable_images_give_null_and_a_notice_or_22P02_in_strict_mode()
    {
        using var r = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_bad")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        await using var conn = await service.OpenAsync();
        var notices = new List<string>();
        conn.Notice += (_, e) => notices.Add(e.Notice.MessageText);

        await using (var cmd = new NpgsqlCommand(
            "SELECT i, it_bad(img) FROM (VALUES (1, $1), (2, $2), (3, $3), (4, $4), (5, NULL::BLOB)) t(i, img) ORDER BY i", conn))
        {
            cmd.Parameters.AddWithValue(TestImages.Solid(TestImages.Red));
            cmd.Parameters.AddWithValue(TestImages.TruncatedJpeg());
            cmd.Parameters.AddWithValue(TestImages.RandomBytes());
            cmd.Parameters.AddWithValue(Array.Empty<byte>());
            await using var reader = await cmd.ExecuteReaderAsync();
            var labels = new List<string?>();
            while (await reader.ReadAsync())
            {
                labels.Add(reader.IsDBNull(1) ? null : reader.GetString(1));
            }

            Assert.Equal(["red", null, null, null, null], labels);
        }

        Assert.Contains(notices, n => n.Contains("it_bad", StringComparison.Ordinal) && n.Contains('3'));

        await using (var set = new NpgsqlCommand("SET deepsql.strict = on", conn))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using (var cmd = new NpgsqlCommand("SELECT it_bad(img) FROM (VALUES ($1), ($2)) t(img)", conn))
        {
            cmd.Parameters.AddWithValue(TestImages.Solid(TestImages.Red));
            cmd.Parameters.AddWithValue(TestImages.TruncatedJpeg());
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteScalarAsync());
            Assert.Equal("22P02", e.SqlState);
            Assert.Contains("row 2", e.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manifest_that_does_not_match_the_graph_is_refused_and_nothing_is_stored()
    {
        // The graph takes 32x32; the manifest says 224x224.
        using var response = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(32), Manifests.ColorClassifier("it_mismatch", size: 224)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("224", body, StringComparison.Ordinal);
        Assert.Contains("32", body, StringComparison.Ordinal);
        using var get = await service.Admin.GetAsync("/api/models/it_mismatch");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Theory]
    [InlineData("not-an-identifier")]
    [InlineData("1starts_with_digit")]
    [InlineData("abs")]
    public async Task A_bad_or_shadowing_name_is_refused(string name)
    {
        using var response = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier(name)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.TryGetProperty("errors", out var errors));
        Assert.True(errors.TryGetProperty("name", out _), errors.ToString());
    }

    [Fact]
    public async Task A_file_that_is_not_onnx_is_refused()
    {
        using var response = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.NotAModel(), Manifests.ColorClassifier("it_notonnx")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var get = await service.Admin.GetAsync("/api/models/it_notonnx");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_model_removes_its_function_from_open_sessions()
    {
        using var r = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_deleted")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        await using var conn = await service.OpenAsync();
        Assert.Equal("red", await ClassifyAsync(conn, "it_deleted", TestImages.Solid(TestImages.Red)));
        using var del = await service.Admin.DeleteAsync("/api/models/it_deleted");
        Assert.True(del.IsSuccessStatusCode);
        var e = await Assert.ThrowsAsync<PostgresException>(() => ClassifyAsync(conn, "it_deleted", TestImages.Solid(TestImages.Red)));
        Assert.Equal("42883", e.SqlState);
    }

    [Fact]
    public async Task Changing_models_needs_the_admin_token()
    {
        using var response = await service.Http.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_noauth")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Each_registration_is_a_new_version_with_its_sha256()
    {
        using var v1 = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_versions")));
        using var v2 = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(gain: 2f), Manifests.ColorClassifier("it_versions")));
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        using var doc1 = JsonDocument.Parse(await v1.Content.ReadAsStringAsync());
        using var doc2 = JsonDocument.Parse(await v2.Content.ReadAsStringAsync());
        Assert.Equal(1, doc1.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(2, doc2.RootElement.GetProperty("version").GetInt32());
        Assert.NotEqual(doc1.RootElement.GetProperty("sha256").GetString(), doc2.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(64, doc2.RootElement.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task Metrics_show_the_sub_batch_sizes_of_a_model()
    {
        using var r = await service.Admin.PostAsync("/api/models",
            Upload(TinyModels.ColorClassifier(), Manifests.ColorClassifier("it_metrics")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        await using var conn = await service.OpenAsync();
        await using (var set = new NpgsqlCommand("SET deepsql.batch_size = 32", conn))
        {
            await set.ExecuteNonQueryAsync();
        }

        // 70 rows in one engine chunk → ONNX Runtime runs of 32, 32 and 6 rows.
        await using (var cmd = new NpgsqlCommand("SELECT count(it_metrics($1)) FROM range(70)", conn))
        {
            cmd.Parameters.AddWithValue(TestImages.Solid(TestImages.Red));
            Assert.Equal(70L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
        }

        var lines = (await service.Http.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains("deepsql_model_batch_rows_bucket{model=\"it_metrics\",le=\"4\"} 0", lines);
        Assert.Contains("deepsql_model_batch_rows_bucket{model=\"it_metrics\",le=\"8\"} 1", lines);
        Assert.Contains("deepsql_model_batch_rows_bucket{model=\"it_metrics\",le=\"32\"} 3", lines);
        Assert.Contains("deepsql_model_batch_rows_bucket{model=\"it_metrics\",le=\"+Inf\"} 3", lines);
        Assert.Contains("deepsql_model_batch_rows_sum{model=\"it_metrics\"} 70", lines);
        Assert.Contains("deepsql_model_batch_rows_count{model=\"it_metrics\"} 3", lines);
        Assert.Contains("deepsql_model_rows_total{model=\"it_metrics\"} 70", lines);
    }
}

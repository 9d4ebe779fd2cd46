using System.Text;
using System.Text.Json;
using DeepSql.Server.Http;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class RequestParsingTests
{
    private static QueryRequest Request(string parametersJson) =>
        new("select $1", JsonDocument.Parse(parametersJson).RootElement.Clone());

    [Fact]
    public void Array_parameters_are_positional_clr_values()
    {
        Assert.True(Request("""[1, 2.5, "x", true, null, [1, 2]]""").TryGetParameters(out var values, out _));
        Assert.Equal(6, values!.Count);
        Assert.Equal(1L, values[0]);
        Assert.Equal(2.5, values[1]);
        Assert.Equal("x", values[2]);
        Assert.Equal(true, values[3]);
        Assert.Null(values[4]);
        Assert.Equal(new object?[] { 1L, 2L }, (object?[])values[5]!);
    }

    [Fact]
    public void Object_parameters_are_keyed_by_position()
    {
        Assert.True(Request("""{"$2": "b", "1": "a"}""").TryGetParameters(out var values, out _));
        Assert.Equal(["a", "b"], values!);
    }

    [Fact]
    public void Object_parameters_with_a_gap_name_the_missing_one()
    {
        Assert.False(Request("""{"1": "a", "3": "c"}""").TryGetParameters(out _, out var error));
        Assert.Contains("$2", error);
    }

    [Fact]
    public void Named_parameters_are_refused_with_the_name()
    {
        Assert.False(Request("""{"city": "Oslo"}""").TryGetParameters(out _, out var error));
        Assert.Contains("parameters.city", error);
    }

    [Fact]
    public void No_parameters_is_fine()
    {
        Assert.True(new QueryRequest("select 1").TryGetParameters(out var values, out _));
        Assert.Null(values);
    }

    [Fact]
    public void Top_labels_are_best_first_with_ties_in_label_order()
    {
        var top = PredictEndpoints.TopK([0.1f, 0.4f, 0.4f, 0.05f, 0.05f, 0f], ["a", "b", "c", "d", "e", "f"], 5);
        Assert.Equal(["b", "c", "a", "d", "e"], top.Select(t => t.Label));
        Assert.Equal(0.4f, top[0].Score);
    }

    [Fact]
    public async Task Multipart_upload_spools_the_model_reads_the_manifest_and_keeps_assets()
    {
        var spool = Directory.CreateTempSubdirectory("deepsql-http-test-").FullName;
        var (body, contentType) = Multipart(
            ("manifest", null, """{"name":"m"}"""u8.ToArray()),
            ("model", "m.onnx", [8, 7, 1, 2, 3]),
            ("vocab", "../../vocab.txt", "hello\nworld"u8.ToArray()),
            ("replace", null, "false"u8.ToArray()));
        var (upload, error, _) = await ModelUploadReader.ReadAsync(body, contentType, spool, 1000, CancellationToken.None);
        Assert.Equal(UploadError.None, error);
        using (upload)
        {
            Assert.Equal("""{"name":"m"}""", upload!.ManifestJson);
            Assert.Equal(new byte[] { 8, 7, 1, 2, 3 }, await File.ReadAllBytesAsync(upload.ModelPath!));
            Assert.Equal(5, upload.ModelBytes);
            Assert.Equal("hello\nworld", Encoding.UTF8.GetString(upload.Assets["vocab.txt"]));
            Assert.Equal("false", upload.Fields["replace"]);
        }

        Assert.Empty(Directory.EnumerateFiles(spool));
        Directory.Delete(spool);
    }

    [Fact]
    public async Task Multipart_upload_over_the_limit_is_too_large_and_leaves_no_file()
    {
        var spool = Directory.CreateTempSubdirectory("deepsql-http-test-").FullName;
        var (body, contentType) = Multipart(("model", "m.onnx", new byte[5000]));
        var (upload, error, reason) = await ModelUploadReader.ReadAsync(body, contentType, spool, 4096, CancellationToken.None);
        Assert.Null(upload);
        Assert.Equal(UploadError.TooLarge, error);
        Assert.Contains("4096", reason);
        Assert.Empty(Directory.EnumerateFiles(spool));
        Directory.Delete(spool);
    }

    [Fact]
    public async Task Non_multipart_body_is_malformed()
    {
        var (upload, error, _) = await ModelUploadReader.ReadAsync(new MemoryStream([1]), "application/json", Path.GetTempPath(), 10, CancellationToken.None);
        Assert.Null(upload);
        Assert.Equal(UploadError.Malformed, error);
    }

    internal static (Stream Body, string ContentType) Multipart(params (string Name, string? FileName, byte[] Content)[] parts)
    {
        const string boundary = "----deepsql-test-boundary";
        var body = new MemoryStream();
        foreach (var (name, fileName, content) in parts)
        {
            var header = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"" +
                (fileName is null ? "" : $"; filename=\"{fileName}\"") + "\r\n\r\n";
            body.Write(Encoding.UTF8.GetBytes(header));
            body.Write(content);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        body.Position = 0;
        return (body, $"multipart/form-data; boundary={boundary}");
    }
}

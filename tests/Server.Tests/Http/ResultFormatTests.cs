using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using DeepSql.Server.Http.Formats;
using DeepSql.Udf.Engines;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class ResultFormatTests
{
    private static readonly ColumnInfo[] Columns =
    [
        new("id", SqlType.Int32),
        new("name", SqlType.Text),
        new("image", SqlType.Blob),
        new("vec", SqlType.Float32List),
        new("score", SqlType.Float64),
    ];

    private static readonly object?[][] Batch1 =
    [
        [1, "plain", new byte[] { 1, 2, 3 }, new[] { 0.5f, -1f }, 1.25],
        [2, "comma, \"quoted\"\r\nline", null, null, double.NaN],
    ];

    private static readonly object?[][] Batch2 =
    [
        [null, "", new byte[0], new float[0], null],
    ];

    private static async Task<byte[]> WriteAsync(string mediaType, bool error = false)
    {
        using var body = new MemoryStream();
        await using (var writer = ResultWriter.Create(mediaType, body))
        {
            await writer.WriteHeaderAsync(Columns, CancellationToken.None);
            await writer.WriteBatchAsync(Batch1, CancellationToken.None);
            if (error)
            {
                Assert.True(await writer.WriteErrorAsync("22P02", "bad image", CancellationToken.None));
            }
            else
            {
                await writer.WriteBatchAsync(Batch2, CancellationToken.None);
                await writer.WriteEndAsync(new ResultTrailer(3, false, "SELECT", -1, ["a notice"]), CancellationToken.None);
            }
        }

        return body.ToArray();
    }

    [Fact]
    public async Task Json_has_typed_columns_base64_blobs_float_arrays_and_a_trailer()
    {
        using var doc = JsonDocument.Parse(await WriteAsync(JsonResultWriter.MediaType));
        var root = doc.RootElement;
        Assert.Equal(["id:INTEGER", "name:VARCHAR", "image:BLOB", "vec:FLOAT[]", "score:DOUBLE"],
            root.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("type").GetString()}"));
        var rows = root.GetProperty("rows");
        Assert.Equal(3, rows.GetArrayLength());
        Assert.Equal(1, rows[0][0].GetInt32());
        Assert.Equal("AQID", rows[0][2].GetString());
        Assert.Equal([0.5f, -1f], rows[0][3].EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(JsonValueKind.Null, rows[1][2].ValueKind);
        Assert.Equal("NaN", rows[1][4].GetString());
        Assert.Equal("comma, \"quoted\"\r\nline", rows[1][1].GetString());
        Assert.Equal(3, root.GetProperty("rowCount").GetInt32());
        Assert.False(root.GetProperty("truncated").GetBoolean());
        Assert.Equal("SELECT", root.GetProperty("statement").GetString());
        Assert.Equal("a notice", root.GetProperty("notices")[0].GetString());
    }

    [Fact]
    public async Task Json_error_after_rows_is_still_a_valid_document_with_the_sqlstate()
    {
        using var doc = JsonDocument.Parse(await WriteAsync(JsonResultWriter.MediaType, error: true));
        Assert.Equal(2, doc.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal("22P02", doc.RootElement.GetProperty("error").GetProperty("sqlstate").GetString());
    }

    [Fact]
    public async Task Ndjson_is_a_header_line_then_one_object_per_row()
    {
        var lines = Encoding.UTF8.GetString(await WriteAsync(NdjsonResultWriter.MediaType)).Split('\n');
        Assert.Equal(5, lines.Length); // header, 3 rows, empty after the last newline
        Assert.Equal("", lines[4]);
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(5, header.RootElement.GetProperty("columns").GetArrayLength());
        using var row = JsonDocument.Parse(lines[1]);
        Assert.Equal("plain", row.RootElement.GetProperty("name").GetString());
        Assert.Equal(-1f, row.RootElement.GetProperty("vec")[1].GetSingle());
        using var last = JsonDocument.Parse(lines[3]);
        Assert.Equal(JsonValueKind.Null, last.RootElement.GetProperty("id").ValueKind);
        Assert.Equal("", last.RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Ndjson_error_is_a_last_line()
    {
        var lines = Encoding.UTF8.GetString(await WriteAsync(NdjsonResultWriter.MediaType, error: true)).TrimEnd('\n').Split('\n');
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal("bad image", last.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Ndjson_makes_duplicate_column_names_unique()
    {
        Assert.Equal(["a", "a_2", "b", "a_3"],
            NdjsonResultWriter.UniqueNames([new("a", SqlType.Text), new("a", SqlType.Text), new("b", SqlType.Text), new("a", SqlType.Text)]));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "")]
    public void Csv_field_quotes_per_rfc_4180(string? value, string expected) =>
        Assert.Equal(expected, CsvResultWriter.Field(value));

    [Fact]
    public async Task Csv_has_a_header_row_crlf_lines_and_keeps_null_apart_from_empty()
    {
        var text = Encoding.UTF8.GetString(await WriteAsync(CsvResultWriter.MediaType));
        Assert.Equal(
            "id,name,image,vec,score\r\n" +
            "1,plain,AQID,\"[0.5,-1]\",1.25\r\n" +
            "2,\"comma, \"\"quoted\"\"\r\nline\",,,NaN\r\n" +
            ",\"\",\"\",[],\r\n",
            text);
    }

    [Fact]
    public async Task Arrow_stream_round_trips_through_the_apache_arrow_reader()
    {
        var bytes = await WriteAsync(ArrowResultWriter.MediaType);
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        var first = await reader.ReadNextRecordBatchAsync();
        var second = await reader.ReadNextRecordBatchAsync();
        Assert.Null(await reader.ReadNextRecordBatchAsync());
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(2, first.Length);
        Assert.Equal(1, second.Length);
        Assert.Equal(["id", "name", "image", "vec", "score"], reader.Schema.FieldsList.Select(f => f.Name));

        var ids = (Int32Array)first.Column(0);
        Assert.Equal(2, ids.GetValue(1));
        Assert.Equal("comma, \"quoted\"\r\nline", ((StringArray)first.Column(1)).GetString(1));
        Assert.Equal(new byte[] { 1, 2, 3 }, ((BinaryArray)first.Column(2)).GetBytes(0).ToArray());
        Assert.True(first.Column(2).IsNull(1));
        var vectors = (ListArray)first.Column(3);
        Assert.Equal(new float?[] { 0.5f, -1f }, ((FloatArray)vectors.GetSlicedValues(0)).ToArray());
        Assert.True(vectors.IsNull(1));
        Assert.True(double.IsNaN(((DoubleArray)first.Column(4)).GetValue(1)!.Value));

        Assert.True(second.Column(0).IsNull(0));
        Assert.Equal("", ((StringArray)second.Column(1)).GetString(0));
        Assert.False(second.Column(2).IsNull(0));
        Assert.Equal(0, ((ListArray)second.Column(3)).GetValueLength(0));
    }

    [Fact]
    public void Values_arrow_has_no_twin_for_travel_as_text()
    {
        var hugeint = ArrowResultWriter.BuildColumn(Apache.Arrow.Types.StringType.Default,
            [[System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)],
             [new SqlInterval(1, 2, 3_500_000)]], 0);
        Assert.Equal("123456789012345678901234567890", ((StringArray)hugeint).GetString(0));
        Assert.Equal("P1M2DT3.5S", ((StringArray)hugeint).GetString(1));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("text/csv", "text/csv")]
    [InlineData("application/x-ndjson", "application/x-ndjson")]
    [InlineData("application/vnd.apache.arrow.stream", "application/vnd.apache.arrow.stream")]
    [InlineData("text/html, text/csv;q=0.5, application/x-ndjson;q=0.9", "application/x-ndjson")]
    [InlineData("image/png", null)]
    public void Accept_header_picks_the_format(string? accept, string? expected) =>
        Assert.Equal(expected, ResultWriter.Negotiate(accept));
}

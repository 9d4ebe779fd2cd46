using System.Buffers;
using System.Text;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http.Formats;

/// <summary>
/// RFC 4180 CSV: a header row of column names, CRLF line ends, a field quoted when it holds a comma, a quote, CR or
/// LF (quotes doubled). SQL NULL is an empty field; an empty string is <c>""</c> so the two stay apart.
/// </summary>
public sealed class CsvResultWriter(Stream body) : ResultWriter
{
    /// <summary>text/csv.</summary>
    public const string MediaType = "text/csv";

    private readonly Stream _body = body;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly StringBuilder _line = new();

    /// <inheritdoc />
    public override string ContentType => MediaType + "; charset=utf-8; header=present";

    /// <summary>A field as it appears in a CSV line.</summary>
    public static string Field(string? value)
    {
        if (value is null)
        {
            return "";
        }

        if (value.Length == 0)
        {
            return "\"\"";
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <inheritdoc />
    public override async ValueTask WriteHeaderAsync(IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        AppendLine(columns.Select(c => (object?)c.Name).ToArray());
        await SendAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask WriteBatchAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            AppendLine(row);
        }

        await SendAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask WriteEndAsync(ResultTrailer trailer, CancellationToken cancellationToken) =>
        new(_body.FlushAsync(cancellationToken));

    /// <inheritdoc />
    public override ValueTask<bool> WriteErrorAsync(string sqlState, string message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    private void AppendLine(object?[] values)
    {
        _line.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }

            _line.Append(Field(SqlJson.Format(values[i])));
        }

        _line.Append("\r\n");
        Encoding.UTF8.GetBytes(_line.ToString(), _buffer);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        await _body.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
        await _body.FlushAsync(cancellationToken);
    }
}

using System.Buffers;
using System.Text.Json;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http.Formats;

/// <summary>
/// Newline-delimited JSON: a header line <c>{"columns":[…]}</c>, then one object per row keyed by column name.
/// An error after rows were sent is a last line <c>{"error":{"sqlstate","message"}}</c>.
/// </summary>
public sealed class NdjsonResultWriter : ResultWriter
{
    /// <summary>application/x-ndjson.</summary>
    public const string MediaType = "application/x-ndjson";

    private readonly Stream _body;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private string[] _names = [];

    /// <summary>A writer over <paramref name="body"/>; rows are formatted into a buffer and sent per batch.</summary>
    public NdjsonResultWriter(Stream body)
    {
        _body = body;
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <inheritdoc />
    public override string ContentType => MediaType;

    /// <inheritdoc />
    public override async ValueTask WriteHeaderAsync(IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        _names = UniqueNames(columns);
        _writer.WriteStartObject();
        JsonResultWriter.WriteColumns(_writer, columns);
        _writer.WriteEndObject();
        EndLine();
        await SendAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask WriteBatchAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            _writer.WriteStartObject();
            for (var i = 0; i < row.Length && i < _names.Length; i++)
            {
                _writer.WritePropertyName(_names[i]);
                SqlJson.WriteValue(_writer, row[i]);
            }

            _writer.WriteEndObject();
            EndLine();
        }

        await SendAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask WriteEndAsync(ResultTrailer trailer, CancellationToken cancellationToken) =>
        new(_body.FlushAsync(cancellationToken));

    /// <inheritdoc />
    public override async ValueTask<bool> WriteErrorAsync(string sqlState, string message, CancellationToken cancellationToken)
    {
        _writer.WriteStartObject();
        _writer.WriteStartObject("error");
        _writer.WriteString("sqlstate", sqlState);
        _writer.WriteString("message", message);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        EndLine();
        await SendAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Column names made unique (a, a_2, …) so every row object has one key per column.</summary>
    public static string[] UniqueNames(IReadOnlyList<ColumnInfo> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i].Name;
            for (var n = 2; !seen.Add(name); n++)
            {
                name = $"{columns[i].Name}_{n}";
            }

            names[i] = name;
        }

        return names;
    }

    private void EndLine()
    {
        // into the buffer only (no I/O): the response body takes no synchronous writes
        _writer.Flush();
        _writer.Reset();
        _buffer.Write("\n"u8);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        await _body.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
        await _body.FlushAsync(cancellationToken);
    }
}

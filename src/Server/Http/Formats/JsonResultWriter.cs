using System.Text.Json;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http.Formats;

/// <summary>
/// <c>{"columns":[{"name","type"}],"rows":[[…]],"rowCount":n,"truncated":false,"statement":"SELECT",…}</c>,
/// written with a Utf8JsonWriter straight over the body.
/// </summary>
public sealed class JsonResultWriter(Stream body) : ResultWriter
{
    /// <summary>application/json.</summary>
    public const string MediaType = "application/json";

    private readonly Stream _body = body;
    private readonly Utf8JsonWriter _writer = new(body, new JsonWriterOptions { SkipValidation = true });

    /// <inheritdoc />
    public override string ContentType => MediaType;

    /// <inheritdoc />
    public override async ValueTask WriteHeaderAsync(IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        _writer.WriteStartObject();
        WriteColumns(_writer, columns);
        _writer.WriteStartArray("rows");
        await _writer.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask WriteBatchAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            _writer.WriteStartArray();
            foreach (var value in row)
            {
                SqlJson.WriteValue(_writer, value);
            }

            _writer.WriteEndArray();
        }

        await _writer.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask WriteEndAsync(ResultTrailer trailer, CancellationToken cancellationToken)
    {
        _writer.WriteEndArray();
        _writer.WriteNumber("rowCount", trailer.RowCount);
        _writer.WriteBoolean("truncated", trailer.Truncated);
        _writer.WriteString("statement", trailer.StatementKind);
        if (trailer.RowsAffected >= 0)
        {
            _writer.WriteNumber("rowsAffected", trailer.RowsAffected);
        }

        WriteNotices(_writer, trailer.Notices);
        _writer.WriteEndObject();
        await _writer.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<bool> WriteErrorAsync(string sqlState, string message, CancellationToken cancellationToken)
    {
        // rows already went out with 200; close the array and say why the result stops here
        _writer.WriteEndArray();
        _writer.WriteStartObject("error");
        _writer.WriteString("sqlstate", sqlState);
        _writer.WriteString("message", message);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        await _writer.FlushAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await base.DisposeAsync();
        _ = _body;
    }

    internal static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<ColumnInfo> columns)
    {
        writer.WriteStartArray("columns");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static void WriteNotices(Utf8JsonWriter writer, IReadOnlyList<string> notices)
    {
        if (notices.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("notices");
        foreach (var notice in notices)
        {
            writer.WriteStringValue(notice);
        }

        writer.WriteEndArray();
    }
}

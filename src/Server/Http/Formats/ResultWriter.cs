using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http.Formats;

/// <summary>What is known once a result has been read to its end (or to the request's limit).</summary>
/// <param name="RowCount">Rows written.</param>
/// <param name="Truncated">True when the limit stopped the result before its end.</param>
/// <param name="StatementKind">Command tag keyword(s): SELECT, CREATE TABLE, …</param>
/// <param name="RowsAffected">Rows changed by INSERT/UPDATE/DELETE, or -1.</param>
/// <param name="Notices">Notices the statement raised.</param>
public sealed record ResultTrailer(long RowCount, bool Truncated, string StatementKind, long RowsAffected,
    IReadOnlyList<string> Notices);

/// <summary>
/// Streams one result to a response body in one format: a header, then batch after batch as the engine yields them
/// (each flushed), then a trailer. Nothing holds the whole result.
/// </summary>
public abstract class ResultWriter : IAsyncDisposable
{
    /// <summary>The media types, in the order content negotiation prefers them.</summary>
    public static readonly IReadOnlyList<string> MediaTypes =
        [JsonResultWriter.MediaType, NdjsonResultWriter.MediaType, CsvResultWriter.MediaType, ArrowResultWriter.MediaType];

    /// <summary>The Content-Type this writer produces.</summary>
    public abstract string ContentType { get; }

    /// <summary>Writes the column header.</summary>
    public abstract ValueTask WriteHeaderAsync(IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken);

    /// <summary>Writes rows and flushes them to the stream.</summary>
    public abstract ValueTask WriteBatchAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Writes whatever ends the result.</summary>
    public abstract ValueTask WriteEndAsync(ResultTrailer trailer, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the result with an error after rows were already sent. False when the format cannot carry one (CSV, Arrow):
    /// the caller then aborts the response so the client sees a broken stream, not a short result.
    /// </summary>
    public abstract ValueTask<bool> WriteErrorAsync(string sqlState, string message, CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Picks a format from an Accept header: the first listed type we produce (q-values ordered), JSON for none, * / *
    /// or an absent header; null when nothing acceptable is offered (→ 406).
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return JsonResultWriter.MediaType;
        }

        var offered = accept.Split(',')
            .Select((part, index) => ParseMediaRange(part, index))
            .Where(r => r.Quality > 0)
            .OrderByDescending(r => r.Quality)
            .ThenBy(r => r.Index);
        foreach (var range in offered)
        {
            if (range.Type is "*/*" or "application/*")
            {
                return JsonResultWriter.MediaType;
            }

            if (range.Type == "text/*")
            {
                return CsvResultWriter.MediaType;
            }

            foreach (var type in MediaTypes)
            {
                if (string.Equals(type, range.Type, StringComparison.OrdinalIgnoreCase))
                {
                    return type;
                }
            }
        }

        return null;
    }

    /// <summary>A writer of <paramref name="mediaType"/> (one of <see cref="MediaTypes"/>) over <paramref name="body"/>.</summary>
    public static ResultWriter Create(string mediaType, Stream body) => mediaType switch
    {
        NdjsonResultWriter.MediaType => new NdjsonResultWriter(body),
        CsvResultWriter.MediaType => new CsvResultWriter(body),
        ArrowResultWriter.MediaType => new ArrowResultWriter(body),
        _ => new JsonResultWriter(body),
    };

    private static (string Type, double Quality, int Index) ParseMediaRange(string part, int index)
    {
        var pieces = part.Split(';');
        var quality = 1.0;
        foreach (var parameter in pieces.Skip(1))
        {
            var kv = parameter.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim() == "q"
                && double.TryParse(kv[1].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var q))
            {
                quality = q;
            }
        }

        return (pieces[0].Trim().ToLowerInvariant(), quality, index);
    }
}

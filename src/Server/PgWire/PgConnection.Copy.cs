using DeepSql.Udf.Engines;
using System.Text;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.PgWire.Types;

namespace DeepSql.Server.PgWire;

internal sealed partial class PgConnection
{
    /// <summary>
    /// COPY (query) TO STDOUT: CopyOutResponse (text, every column format 0), one CopyData per row, CopyDone,
    /// CommandComplete "COPY n". Rows stream from the engine batch by batch like a query's.
    /// </summary>
    private async Task CopyOutAsync(PgCopyCommand copy, CancellationToken ct)
    {
        using var portal = new PgPortal("", new PgPreparedStatement("", copy.Query, [], null), [], []);
        await OpenPortalAsync(portal, ct).ConfigureAwait(false);
        var result = portal.Result!;
        var columns = portal.Columns;
        if (!result.ReturnsRows)
        {
            throw new PgException(SqlStates.FeatureNotSupported, "COPY (query) TO STDOUT needs a query that returns rows");
        }

        // 'H': int8 overall format (0 = text), int16 column count, int16 format per column
        _out.StartMessage((byte)'H');
        _out.WriteByte(0);
        _out.WriteInt16((short)columns.Length);
        foreach (var _ in columns)
        {
            _out.WriteInt16(0);
        }

        _out.EndMessage();
        var line = new StringBuilder();
        var values = new string?[columns.Length];
        if (copy.Header)
        {
            WriteCopyLine(copy, line, columns.Select(c => (string?)c.Name).ToArray());
        }

        long sent = 0;
        try
        {
            while (true)
            {
                var (more, batch) = await RunBlockingAsync(() => (result.TryReadBatch(RowsPerBatch, out var b), b), ct).ConfigureAwait(false);
                WriteNotices();
                if (!more)
                {
                    break;
                }

                foreach (var row in batch.Rows)
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        var value = i < row.Length ? row[i] : null;
                        values[i] = value is null or DBNull ? null : PgTextFormat.Format(value, columns[i].Type, _format);
                    }

                    WriteCopyLine(copy, line, values);
                    sent++;
                }

                if (_out.Length >= FlushThreshold)
                {
                    await FlushAsync(ct).ConfigureAwait(false);
                }

                portal.Cancellation!.Token.ThrowIfCancellationRequested();
            }
        }
        catch (Exception e) when (IsStatementError(e))
        {
            var translated = TranslateCancel(e, portal);
            portal.Completed = true;
            throw translated;
        }

        WriteNotices();
        PgMessageWriter.Empty(_out, (byte)'c');
        PgMessageWriter.CommandComplete(_out, $"COPY {sent}");
        portal.Completed = true;
    }

    private void WriteCopyLine(PgCopyCommand copy, StringBuilder line, IReadOnlyList<string?> values)
    {
        line.Clear();
        copy.AppendLine(line, values);
        _out.StartMessage((byte)'d');
        _out.WriteString(line.ToString());
        _out.EndMessage();
    }
}

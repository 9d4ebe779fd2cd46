using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// A streaming result over a DuckDB.NET reader in streaming mode: rows are fetched from DuckDB chunk by chunk as
/// <see cref="TryReadBatch"/> asks for them. Statements without rows run to completion when created.
/// </summary>
/// <remarks>
/// A DuckDB connection streams one result at a time. When the session runs another statement while this result is
/// still open, <see cref="SetAside"/> first reads this result's remaining rows into memory (chunks of CLR values),
/// ends its DuckDB query, and from then on <see cref="TryReadBatch"/> answers from those chunks: the memory cost is
/// the whole unread remainder of the result, counted against the session's
/// <see cref="DuckDbSession.SetAsideLimitBytes"/>. An error DuckDB raises while the rows are set aside is kept and
/// raised by the read that reaches it, after the rows before it.
/// </remarks>
internal sealed class DuckDbQueryResult : IQueryResult
{
    private const int ChunkRows = 2048;

    private readonly DuckDbSession _session;
    private readonly DuckDBCommand _command;
    private readonly DuckDBDataReader? _reader;
    private readonly CancellationTokenSource _statement;
    private readonly Func<DuckDBDataReader, int, object?>[] _readers;
    private readonly Queue<HeldChunk> _held = new();
    private EngineException? _heldError;
    private bool _ended;
    private bool _disposed;

    /// <summary>A result with rows, read from <paramref name="reader"/> as the caller asks.</summary>
    public DuckDbQueryResult(DuckDbSession session, DuckDBCommand command, DuckDBDataReader reader, StatementShape shape,
        string statementKind, CancellationTokenSource statement)
    {
        _session = session;
        _command = command;
        _reader = reader;
        _statement = statement;
        ReturnsRows = true;
        StatementKind = KindFor(shape, statementKind);
        Columns = ResolveColumns(shape.Columns, reader);
        _readers = Columns.Select(c => DuckDbValues.ReaderFor(c.Type)).ToArray();
    }

    /// <summary>A finished statement without rows.</summary>
    public DuckDbQueryResult(DuckDbSession session, DuckDBCommand command, StatementShape shape, string statementKind,
        CancellationTokenSource statement, long rowsAffected)
    {
        _session = session;
        _command = command;
        _statement = statement;
        StatementKind = KindFor(shape, statementKind);
        Columns = [];
        _readers = [];
        RowsAffected = rowsAffected;
        End();
    }

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public bool ReturnsRows { get; }

    public long RowsAffected { get; } = -1;

    public string StatementKind { get; }

    /// <summary>True while DuckDB still streams this result (its query holds the connection).</summary>
    public bool IsStreaming => !_ended;

    public bool TryReadBatch(int maxRows, out RowBatch batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rows = new List<object?[]>(Math.Min(maxRows, ChunkRows));
        TakeHeld(rows, maxRows);
        if (rows.Count < maxRows && _held.Count == 0 && _heldError is { } error)
        {
            if (rows.Count == 0)
            {
                _heldError = null;
                throw error;
            }

            // the rows before the error first; the next read raises it
            batch = new RowBatch(rows);
            return true;
        }

        if (rows.Count < maxRows && !_ended)
        {
            try
            {
                while (rows.Count < maxRows && _reader!.Read())
                {
                    rows.Add(ReadRow());
                }
            }
            catch (Exception ex)
            {
                var mapped = _session.Map(ex, _statement);
                End();
                throw mapped;
            }

            if (rows.Count < maxRows)
            {
                End();
            }
        }

        batch = new RowBatch(rows);
        return rows.Count > 0;
    }

    /// <summary>
    /// Reads the rest of this result into memory and ends its DuckDB query, so the session can run another statement
    /// while this result stays readable. Throws 54000 (naming this result) when the session's held rows would pass
    /// <see cref="DuckDbSession.SetAsideLimitBytes"/>; the rows read until then stay held and the result keeps
    /// streaming. An engine error while reading is kept for the read that reaches it.
    /// </summary>
    public void SetAside()
    {
        if (_ended || _disposed)
        {
            return;
        }

        var chunk = new HeldChunk();
        try
        {
            while (_reader!.Read())
            {
                var row = ReadRow();
                long bytes = EstimateBytes(row);
                chunk.Rows.Add(row);
                chunk.Bytes += bytes;
                bool overLimit = !_session.TryHold(bytes);
                if (chunk.Rows.Count == ChunkRows || overLimit)
                {
                    _held.Enqueue(chunk);
                    chunk = new HeldChunk();
                }

                if (overLimit)
                {
                    throw new EngineException(SqlStates.ProgramLimitExceeded,
                        $"an open result of this session holds more than {Size(_session.SetAsideLimitBytes)} of unread rows: " +
                        "read it to the end or close it before running another statement")
                    {
                        Result = this,
                    };
                }
            }
        }
        catch (Exception ex) when (ex is not EngineException { SqlState: SqlStates.ProgramLimitExceeded })
        {
            _heldError = _session.Map(ex, _statement);
        }
        finally
        {
            if (chunk.Rows.Count > 0)
            {
                _held.Enqueue(chunk);
            }
        }

        End();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_held.TryDequeue(out var chunk))
        {
            _session.Release(chunk.Bytes);
        }

        _heldError = null;
        End();
    }

    private object?[] ReadRow()
    {
        var row = new object?[_readers.Length];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = _reader!.IsDBNull(i) ? null : _readers[i](_reader, i);
        }

        return row;
    }

    private void TakeHeld(List<object?[]> rows, int maxRows)
    {
        while (rows.Count < maxRows && _held.TryPeek(out var chunk))
        {
            int take = Math.Min(maxRows - rows.Count, chunk.Rows.Count - chunk.Next);
            rows.AddRange(chunk.Rows.GetRange(chunk.Next, take));
            chunk.Next += take;
            if (chunk.Next == chunk.Rows.Count)
            {
                _held.Dequeue();
                _session.Release(chunk.Bytes);
            }
        }
    }

    private void End()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        _reader?.Dispose();
        _command.Dispose();
        _session.EndStatement(_statement);
        _session.Finished(this);
    }

    private static string Size(long bytes) =>
        bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10} KiB" : $"{bytes} bytes";

    // An estimate of the managed memory a row holds: object headers, UTF-16 text, blob and array payloads.
    private static long EstimateBytes(object?[] row)
    {
        long bytes = 32 + 8L * row.Length;
        foreach (var value in row)
        {
            bytes += EstimateBytes(value);
        }

        return bytes;
    }

    private static long EstimateBytes(object? value) => value switch
    {
        null => 0,
        string s => 24 + 2L * s.Length,
        byte[] b => 24 + b.Length,
        Array { Length: > 0 } a when a.GetType().GetElementType() is { IsPrimitive: true } => 24 + Buffer.ByteLength(a),
        System.Collections.IDictionary d => 48 + d.Keys.Cast<object?>().Sum(EstimateBytes) + d.Values.Cast<object?>().Sum(EstimateBytes),
        System.Collections.IEnumerable e => 32 + e.Cast<object?>().Sum(v => 8 + EstimateBytes(v)),
        _ => 24,
    };

    // A query's tag is SELECT whatever its first word (SHOW, DESCRIBE, …); DML keeps its verb even after WITH.
    private static string KindFor(StatementShape shape, string statementKind) => shape.StatementType switch
    {
        DuckDBStatementType.Insert => "INSERT",
        DuckDBStatementType.Update => "UPDATE",
        DuckDBStatementType.Delete => "DELETE",
        DuckDBStatementType.Select or DuckDBStatementType.Show or DuckDBStatementType.Explain or DuckDBStatementType.Pragma
            when shape.ReturnsRows => "SELECT",
        _ => statementKind,
    };

    // Prepared metadata has the nested types; a parameter-dependent column is only known once the reader runs.
    private static ColumnInfo[] ResolveColumns(IReadOnlyList<ColumnInfo> prepared, DuckDBDataReader reader)
    {
        var columns = new ColumnInfo[reader.FieldCount];
        for (int i = 0; i < columns.Length; i++)
        {
            var name = reader.GetName(i);
            columns[i] = i < prepared.Count && prepared[i].Type.EngineName != "UNKNOWN" && prepared.Count == columns.Length
                ? prepared[i] with { Name = name }
                : new ColumnInfo(name, DuckDbValues.FromClrType(reader.GetFieldType(i), reader.GetDataTypeName(i)));
        }

        return columns;
    }

    /// <summary>Rows read ahead of the caller, with their estimated size (released when the last row is taken).</summary>
    private sealed class HeldChunk
    {
        public List<object?[]> Rows { get; } = new(ChunkRows);

        public long Bytes { get; set; }

        public int Next { get; set; }
    }
}

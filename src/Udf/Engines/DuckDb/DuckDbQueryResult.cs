using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// A streaming result over a DuckDB.NET reader in streaming mode: rows are fetched from DuckDB chunk by chunk as
/// <see cref="TryReadBatch"/> asks for them. Statements without rows run to completion when created.
/// </summary>
internal sealed class DuckDbQueryResult : IQueryResult
{
    private readonly DuckDbSession _session;
    private readonly DuckDBCommand _command;
    private readonly DuckDBDataReader? _reader;
    private readonly CancellationTokenSource _statement;
    private readonly Func<DuckDBDataReader, int, object?>[] _readers;
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

    public bool TryReadBatch(int maxRows, out RowBatch batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ended)
        {
            batch = new RowBatch([]);
            return false;
        }

        var rows = new List<object?[]>(Math.Min(maxRows, 2048));
        try
        {
            while (rows.Count < maxRows && _reader!.Read())
            {
                var row = new object?[_readers.Length];
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = _reader.IsDBNull(i) ? null : _readers[i](_reader, i);
                }

                rows.Add(row);
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

        batch = new RowBatch(rows);
        return rows.Count > 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        End();
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
}

using DeepSql.Server.PgWire.Protocol;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire;

/// <summary>A parsed statement (Parse, or one statement of a simple query).</summary>
/// <param name="Sql">One statement; empty for an empty query.</param>
/// <param name="ParameterOids">One per parameter; 0 where the client left the type to the server.</param>
/// <param name="Command">Set when the wire layer answers the statement itself.</param>
/// <param name="ClientText">The text the client sent (Query or Parse) that holds this statement at <paramref name="offset"/>.</param>
internal sealed class PgPreparedStatement(string name, string sql, int[] parameterOids, PgSessionCommand? command,
    string? clientText = null, int offset = 0)
{
    /// <summary>The client's text and where <see cref="Sql"/> starts in it (UTF-16 index), for error positions.</summary>
    public (string Text, int Offset) Client { get; } = (clientText ?? sql, clientText is null ? 0 : offset);

    public string Name { get; } = name;

    public string Sql { get; } = sql;

    public int[] ParameterOids { get; } = parameterOids;

    public PgSessionCommand? Command { get; } = command;

    /// <summary>Set for COPY (query) TO STDOUT, which the wire layer streams as CopyData.</summary>
    public PgCopyCommand? Copy { get; } = command is null ? PgCopyCommand.TryParse(sql) : null;

    public bool IsEmpty => Sql.Length == 0;

    /// <summary>The engine's description, once asked for.</summary>
    public StatementDescription? Description { get; set; }
}

/// <summary>
/// A bound statement and, once opened, its running result. Rows read from the engine but not yet sent (an Execute
/// with a row limit) stay in <see cref="Batch"/> for the next Execute.
/// </summary>
internal sealed class PgPortal(string name, PgPreparedStatement statement, object?[] parameters, short[] resultFormats)
    : IDisposable
{
    public string Name { get; } = name;

    public PgPreparedStatement Statement { get; } = statement;

    public object?[] Parameters { get; } = parameters;

    public short[] ResultFormats { get; } = resultFormats;

    public IQueryResult? Result { get; set; }

    public PgColumn[] Columns { get; set; } = [];

    /// <summary>Cancels this statement (CancelRequest, statement_timeout).</summary>
    public CancellationTokenSource? Cancellation { get; set; }

    public IReadOnlyList<object?[]>? Batch { get; set; }

    public int BatchIndex { get; set; }

    public bool Exhausted { get; set; }

    public bool Completed { get; set; }

    public bool IsOpen => Result is not null;

    public bool HasBufferedRows => Batch is not null && BatchIndex < Batch.Count;

    public Action<CancellationTokenSource>? OnEnd { get; set; }

    /// <summary>Ends the result and the cancellation scope.</summary>
    public void Dispose()
    {
        var result = Result;
        Result = null;
        Batch = null;
        try
        {
            result?.Dispose();
        }
        finally
        {
            if (Cancellation is { } cts)
            {
                Cancellation = null;
                OnEnd?.Invoke(cts);
            }
        }
    }
}

/// <summary>A DECLAREd cursor: a result read on by FETCH.</summary>
internal sealed class PgCursor(string name, IQueryResult result, bool hold) : IDisposable
{
    private IReadOnlyList<object?[]>? _batch;
    private int _index;
    private bool _exhausted;

    public string Name { get; } = name;

    public bool Hold { get; } = hold;

    public IReadOnlyList<ColumnInfo> Columns => result.Columns;

    /// <summary>The engine result FETCH reads on.</summary>
    public IQueryResult Result => result;

    /// <summary>Up to <paramref name="max"/> rows; empty at the end. Blocking (engine work).</summary>
    public IReadOnlyList<object?[]> Read(int max)
    {
        while (_batch is null || _index >= _batch.Count)
        {
            if (_exhausted || !TryRead(Math.Max(max, 256), out var next))
            {
                _exhausted = true;
                return [];
            }

            _batch = next.Rows;
            _index = 0;
        }

        var take = Math.Min(max, _batch.Count - _index);
        var rows = new object?[take][];
        for (var i = 0; i < take; i++)
        {
            rows[i] = _batch[_index + i];
        }

        _index += take;
        return rows;
    }

    public void Dispose() => result.Dispose();

    private bool TryRead(int max, out RowBatch batch)
    {
        try
        {
            return result.TryReadBatch(max, out batch);
        }
        catch (ObjectDisposedException)
        {
            // An engine that cannot keep a result open beside a later statement ended this one.
            throw new PgException(SqlStates.ObjectNotInPrerequisiteState,
                $"cursor \"{Name}\" was closed by a later statement in this session");
        }
    }
}

/// <summary>FETCH n: streams up to n rows of a cursor.</summary>
internal sealed class PgFetchResult(PgCursor cursor, long count) : IQueryResult
{
    private long _remaining = count;

    public IReadOnlyList<ColumnInfo> Columns => cursor.Columns;

    public bool ReturnsRows => true;

    public long RowsAffected => -1;

    public string StatementKind => "FETCH";

    public bool TryReadBatch(int maxRows, out RowBatch batch)
    {
        if (_remaining <= 0)
        {
            batch = new RowBatch([]);
            return false;
        }

        var rows = cursor.Read((int)Math.Min(maxRows, _remaining));
        _remaining -= rows.Count;
        batch = new RowBatch(rows);
        return rows.Count > 0;
    }

    public void Dispose()
    {
    }
}

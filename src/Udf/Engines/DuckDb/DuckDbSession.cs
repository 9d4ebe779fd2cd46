using System.Runtime.InteropServices;
using DeepSql.Udf.Engines;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using DeepSql.Udf.Sql;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// One client session: its own DuckDB connection to the engine's database. One statement at a time; <see cref="Cancel"/>
/// may come from any thread. Owns the connection (a native handle): dispose it.
/// </summary>
/// <remarks>
/// Several results may be open at once (suspended portals, cursors), but DuckDB streams one per connection: running
/// or describing a statement while a result still streams first reads that result's remaining rows into memory, where
/// they stay until read or disposed. Those held rows cost memory (the whole unread remainder of the earlier result),
/// bounded by <see cref="SetAsideLimitBytes"/> per session.
/// </remarks>
public sealed class DuckDbSession : IEngineSession
{
    private readonly DuckDbEngine _engine;
    private readonly DuckDBConnection _connection;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _statement;
    private DuckDbQueryResult? _current;
    private long _heldBytes;
    private bool _disposed;

    internal DuckDbSession(DuckDbEngine engine, DuckDBConnection connection, ulong connectionId, SessionContext context)
    {
        _engine = engine;
        _connection = connection;
        ConnectionId = connectionId;
        Context = context;
    }

    /// <inheritdoc />
    public SessionContext Context { get; }

    /// <summary>DuckDB's id for this session's connection (what model functions see at bind time).</summary>
    public ulong ConnectionId { get; }

    /// <summary>
    /// The most memory (estimated size of the CLR values) the rows of earlier, still open results may hold once set
    /// aside for a later statement; beyond it the later statement fails with 54000 and the earlier result keeps
    /// streaming. Default 256 MiB.
    /// </summary>
    public long SetAsideLimitBytes { get; set; } = 256L << 20;

    /// <summary>Estimated bytes of set-aside rows held now by this session's open results.</summary>
    public long HeldBytes => Interlocked.Read(ref _heldBytes);

    /// <inheritdoc />
    public IQueryResult Execute(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            throw new EngineException(SqlStates.QueryCanceled, "canceling statement due to user request");
        }

        SetAsideOpenResult();
        if (cancellationToken.IsCancellationRequested)
        {
            throw new EngineException(SqlStates.QueryCanceled, "canceling statement due to user request");
        }

        var statement = BeginStatement(cancellationToken);
        DuckDBCommand? command = null;
        DuckDBDataReader? reader = null;
        try
        {
            var shape = Prepare(sql);
            command = _connection.CreateCommand();
            command.CommandText = sql;
            command.UseStreamingMode = true;
            if (parameters is not null)
            {
                foreach (var value in parameters)
                {
                    command.Parameters.Add(new DuckDBParameter(DuckDbValues.ToParameter(value)));
                }
            }

            var kind = DuckDbStatements.StatementKind(sql);
            DuckDbQueryResult result;
            if (shape.ReturnsRows)
            {
                reader = command.ExecuteReader();
                result = new DuckDbQueryResult(this, command, reader, shape, kind, statement);
            }
            else
            {
                // Runs to completion now; DuckDB.NET reports changed rows only through ExecuteNonQuery.
                long affected = command.ExecuteNonQuery();
                result = new DuckDbQueryResult(this, command, shape, kind, statement,
                    shape.IsDml || shape.StatementType == DuckDBStatementType.Copy ? affected : -1);
            }

            _current = result;
            return result;
        }
        catch (Exception ex)
        {
            reader?.Dispose();
            command?.Dispose();
            var mapped = Map(ex, statement);
            EndStatement(statement);
            throw ex is DuckDBException ? WithPosition(mapped, sql, ex.Message) : mapped;
        }
    }

    /// <inheritdoc />
    public StatementDescription Describe(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SetAsideOpenResult();
        var shape = Prepare(sql);
        return new StatementDescription(shape.ReturnsRows ? shape.Columns : [], shape.ParameterTypes);
    }

    /// <inheritdoc />
    public void Cancel()
    {
        lock (_lock)
        {
            if (_disposed || _statement is null)
            {
                return;
            }

            // Cancelling the statement token interrupts the connection (registered in BeginStatement); interrupt
            // again on every call in case the first one landed before DuckDB started the query.
            if (_statement.IsCancellationRequested)
            {
                Interrupt();
            }
            else
            {
                _statement.Cancel();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _current?.Dispose();
        _engine.Forget(this);
        _connection.Dispose();
    }

    internal void Interrupt()
    {
        try
        {
            _connection.NativeConnection.Interrupt();
        }
        catch (ObjectDisposedException)
        {
            // The session closed meanwhile: nothing left to interrupt.
        }
    }

    internal EngineException Map(Exception ex, CancellationTokenSource? statement)
    {
        var mapped = DuckDbErrors.FromException(ex);
        // An interrupt surfaces as whatever error the running operator saw; the cause is the cancel.
        if (statement is { IsCancellationRequested: true } && mapped.SqlState != SqlStates.QueryCanceled)
        {
            return new EngineException(SqlStates.QueryCanceled, "canceling statement due to user request", ex);
        }

        return mapped;
    }

    internal CancellationTokenSource BeginStatement(CancellationToken cancellationToken)
    {
        var statement = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        statement.Token.Register(Interrupt);
        lock (_lock)
        {
            _statement = statement;
        }

        Context.StatementCancellation = statement.Token;
        return statement;
    }

    internal void EndStatement(CancellationTokenSource statement)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_statement, statement))
            {
                _statement = null;
            }
        }

        Context.StatementCancellation = CancellationToken.None;
        statement.Dispose();
    }

    internal void Finished(DuckDbQueryResult result)
    {
        if (ReferenceEquals(_current, result))
        {
            _current = null;
        }
    }

    /// <summary>Counts set-aside rows; false when the session now holds more than <see cref="SetAsideLimitBytes"/>.</summary>
    internal bool TryHold(long bytes) => Interlocked.Add(ref _heldBytes, bytes) <= SetAsideLimitBytes;

    internal void Release(long bytes) => Interlocked.Add(ref _heldBytes, -bytes);

    // DuckDB ends a connection's streaming query when the next one is prepared: keep its rows readable first.
    private void SetAsideOpenResult()
    {
        if (_current is { IsStreaming: true } open)
        {
            open.SetAside();
        }
    }

    // DuckDB's message ends with a "LINE n: …" excerpt and a caret (FromMessage drops them): keep where it points.
    private static EngineException WithPosition(EngineException error, string sql, string rawMessage) =>
        error.Position is null && error.Result is null && DuckDbErrorPosition.Find(sql, rawMessage) is { } position
            ? new EngineException(error.SqlState, error.Message, error.InnerException) { Position = position }
            : error;

    /// <summary>Prepares without running: result columns, parameter types and statement type.</summary>
    internal StatementShape Prepare(string sql)
    {
        if (sql.Contains(';', StringComparison.Ordinal) && SqlText.Split(sql).Count > 1)
        {
            throw new EngineException(SqlStates.SyntaxError,
                "cannot run several statements at once; split them with SqlText.Split");
        }

        if (DuckDbStatements.RefusalReason(sql) is { } refusal)
        {
            throw new EngineException(SqlStates.InsufficientPrivilege, refusal);
        }

        var connection = _connection.NativeConnection.DangerousGetHandle();
        var state = DuckDbNative.duckdb_prepare(connection, sql, out var prepared);
        try
        {
            if (state != 0)
            {
                var error = Marshal.PtrToStringUTF8(DuckDbNative.duckdb_prepare_error(prepared)) ?? "could not prepare the statement";
                throw WithPosition(DuckDbErrors.FromMessage(error), sql, error);
            }

            var statementType = (DuckDBStatementType)DuckDbNative.duckdb_prepared_statement_type(prepared);
            if (statementType is DuckDBStatementType.Attach or DuckDBStatementType.Export or DuckDBStatementType.Load
                or DuckDBStatementType.Extension)
            {
                throw new EngineException(SqlStates.InsufficientPrivilege, $"{statementType} statements are not allowed");
            }

            var parameters = new SqlType[DuckDbNative.duckdb_nparams(prepared)];
            for (int i = 0; i < parameters.Length; i++)
            {
                var type = DuckDbNative.duckdb_param_logical_type(prepared, (ulong)i + 1);
                try
                {
                    parameters[i] = DuckDbTypes.FromLogicalType(type);
                }
                finally
                {
                    if (type != IntPtr.Zero)
                    {
                        DuckDbNative.duckdb_destroy_logical_type(ref type);
                    }
                }
            }

            var columns = new ColumnInfo[DuckDbNative.duckdb_prepared_statement_column_count(prepared)];
            for (int i = 0; i < columns.Length; i++)
            {
                var name = DuckDbTypes.TakeString(DuckDbNative.duckdb_prepared_statement_column_name(prepared, (ulong)i)) ?? $"column{i}";
                var type = DuckDbNative.duckdb_prepared_statement_column_logical_type(prepared, (ulong)i);
                try
                {
                    columns[i] = new ColumnInfo(name, DuckDbTypes.FromLogicalType(type));
                }
                finally
                {
                    if (type != IntPtr.Zero)
                    {
                        DuckDbNative.duckdb_destroy_logical_type(ref type);
                    }
                }
            }

            return new StatementShape(statementType, columns, parameters);
        }
        finally
        {
            DuckDbNative.duckdb_destroy_prepare(ref prepared);
        }
    }
}

using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire;

internal sealed partial class PgConnection
{
    private static readonly ColumnInfo[] ShowAllColumns =
        [new("name", SqlType.Text), new("setting", SqlType.Text), new("description", SqlType.Text)];

    private readonly Dictionary<string, PgCursor> _cursors = new(StringComparer.Ordinal);

    /// <summary>SET, SHOW, BEGIN, DECLARE, … answered as PostgreSQL answers them.</summary>
    private async Task<IQueryResult> ExecuteCommandAsync(PgSessionCommand command, object?[] parameters,
        CancellationToken statementToken, CancellationToken ct)
    {
        switch (command.Kind)
        {
            case PgCommandKind.SetConfig:
                return SetConfig(command, parameters);
            case PgCommandKind.Set when command.Local && _tx == TxIdle:
                // PostgreSQL: a warning, and the setting is left as it was
                Warn(SqlStates.NoActiveSqlTransaction, "SET LOCAL can only be used in transaction blocks");
                return new StatementResult("SET");
            case PgCommandKind.Set:
                if (command.Name is not null)
                {
                    ApplySetting(command.Name, command.Value, command.Local);
                }

                return new StatementResult("SET");
            case PgCommandKind.Reset when command.Name!.Equals("ALL", StringComparison.OrdinalIgnoreCase):
                foreach (var (name, value) in Settings.ResetAll())
                {
                    OnSettingChanged(name, value);
                }

                return new StatementResult("RESET");
            case PgCommandKind.Reset:
                ApplySetting(command.Name, null);
                return new StatementResult("RESET");
            case PgCommandKind.Show:
                return Show(command.Name!);
            case PgCommandKind.Begin:
                if (_tx != TxIdle)
                {
                    Warn(SqlStates.ActiveSqlTransaction, "there is already a transaction in progress");
                    return new StatementResult(command.Tag);
                }

                await EngineCommandAsync("BEGIN TRANSACTION", statementToken, ct).ConfigureAwait(false);
                _tx = TxInBlock;
                Settings.BeginTransaction();
                return new StatementResult(command.Tag);
            case PgCommandKind.Commit or PgCommandKind.Rollback:
                return await EndTransactionAsync(command.Kind == PgCommandKind.Commit, statementToken, ct).ConfigureAwait(false);
            case PgCommandKind.Discard:
                if (_tx != TxIdle)
                {
                    throw new PgException(SqlStates.ActiveSqlTransaction, $"{command.Tag} cannot run inside a transaction block");
                }

                if (command.Name == "ALL")
                {
                    CloseAllPortals();
                    CloseAllCursors();
                    _statements.Clear();
                    foreach (var (name, value) in Settings.ResetAll())
                    {
                        OnSettingChanged(name, value);
                    }
                }

                return new StatementResult(command.Tag);
            case PgCommandKind.Deallocate:
                if (command.Name == "ALL")
                {
                    _statements.Clear();
                }
                else if (!_statements.Remove(command.Name!))
                {
                    throw new PgException(SqlStates.InvalidSqlStatementName, $"prepared statement \"{command.Name}\" does not exist");
                }

                return new StatementResult(command.Tag);
            case PgCommandKind.Declare:
                return await DeclareAsync(command, ct).ConfigureAwait(false);
            case PgCommandKind.Fetch:
                return new PgFetchResult(FindCursor(command.Name!), command.Count);
            case PgCommandKind.Move:
                var cursor = FindCursor(command.Name!);
                var moved = await RunBlockingAsync(() =>
                {
                    long n = 0;
                    while (n < command.Count)
                    {
                        var rows = cursor.Read((int)Math.Min(command.Count - n, 4096));
                        if (rows.Count == 0)
                        {
                            break;
                        }

                        n += rows.Count;
                    }

                    return n;
                }, ct).ConfigureAwait(false);
                return new StatementResult("MOVE", rowsAffected: moved);
            case PgCommandKind.CloseCursor:
                if (command.Name == "ALL")
                {
                    CloseAllCursors();
                }
                else
                {
                    FindCursor(command.Name!).Dispose();
                    _cursors.Remove(command.Name!);
                }

                return new StatementResult(command.Tag);
            case PgCommandKind.Listen or PgCommandKind.Unlisten:
                return new StatementResult(command.Tag);
            default:
                throw new PgException(SqlStates.FeatureNotSupported, $"{command.Tag} is not supported");
        }
    }

    /// <summary>
    /// SELECT set_config(name, value, is_local): SET, or SET LOCAL when is_local (no effect outside a transaction
    /// block, without SET LOCAL's warning, as in PostgreSQL); a NULL value resets. One text row: the new value.
    /// </summary>
    private StatementResult SetConfig(PgSessionCommand command, object?[] parameters)
    {
        string? Argument(string text) =>
            text.Length > 0 && text[0] == PgSessionCommand.ParameterMark
                ? int.TryParse(text.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= parameters.Length
                    ? parameters[n - 1] is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null
                    : throw new PgException(SqlStates.UndefinedParameter, $"there is no parameter {text[1..]}")
                : text;

        var name = Argument(command.Name!)
            ?? throw new PgException(SqlStates.InvalidParameterValue, "SET requires parameter name");
        var value = Argument(command.Value!);
        if (command.Local && _tx == TxIdle)
        {
            value = value is null ? Settings.Normalize(name, Settings.Get(name).Value).Value : Settings.Normalize(name, value).Value;
        }
        else
        {
            ApplySetting(name, value, command.Local);
            value = Settings.Get(name).Value;
        }

        return new StatementResult("SELECT", [new ColumnInfo(command.Column ?? "set_config", SqlType.Text)], [[value]]);
    }

    private StatementResult Show(string name)
    {
        if (name.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            var rows = Settings.All.Select(s => new object?[] { s.Name, s.Value, s.Description }).ToList();
            return new StatementResult("SHOW", ShowAllColumns, rows);
        }

        var (canonical, value) = Settings.Get(name);
        return new StatementResult("SHOW", [new ColumnInfo(canonical, SqlType.Text)], [[value]]);
    }

    private async Task<IQueryResult> EndTransactionAsync(bool commit, CancellationToken statementToken, CancellationToken ct)
    {
        if (_tx == TxIdle)
        {
            Warn(SqlStates.NoActiveSqlTransaction, "there is no transaction in progress");
            return new StatementResult(commit ? "COMMIT" : "ROLLBACK");
        }

        var wasFailed = _tx == TxFailed;
        _tx = TxIdle;
        CloseTransactionCursors();
        // SET LOCAL ends with the block; ROLLBACK (or COMMIT of a failed block) also undoes plain SET
        foreach (var (name, value) in Settings.EndTransaction(commit && !wasFailed))
        {
            OnSettingChanged(name, value);
        }

        if (commit && !wasFailed)
        {
            await EngineCommandAsync("COMMIT", statementToken, ct).ConfigureAwait(false);
            return new StatementResult("COMMIT");
        }

        try
        {
            await EngineCommandAsync("ROLLBACK", statementToken, ct).ConfigureAwait(false);
        }
        catch (EngineException)
        {
            // the engine may have ended the failed transaction already
        }

        return new StatementResult("ROLLBACK");
    }

    private async Task<IQueryResult> DeclareAsync(PgSessionCommand command, CancellationToken ct)
    {
        var name = command.Name!;
        if (_cursors.ContainsKey(name))
        {
            throw new PgException(SqlStates.DuplicateCursor, $"cursor \"{name}\" already exists");
        }

        if (!command.Hold && _tx == TxIdle)
        {
            throw new PgException(SqlStates.NoActiveSqlTransaction, "DECLARE CURSOR can only be used in transaction blocks");
        }

        var sql = _server.Catalog.Rewrite(command.Query!);
        // The cursor outlives this statement: cancelling a later FETCH interrupts the engine session directly.
        var result = await RunBlockingAsync(() => Session.Execute(sql, null, CancellationToken.None), ct).ConfigureAwait(false);
        _cursors[name] = new PgCursor(name, result, command.Hold);
        return new StatementResult("DECLARE CURSOR");
    }

    private PgCursor FindCursor(string name) =>
        _cursors.TryGetValue(name, out var cursor)
            ? cursor
            : throw new PgException(SqlStates.InvalidCursorName, $"cursor \"{name}\" does not exist");

    private async Task EngineCommandAsync(string sql, CancellationToken statementToken, CancellationToken ct)
    {
        await RunBlockingAsync(() =>
        {
            using var result = Session.Execute(sql, null, statementToken);
            while (result.TryReadBatch(RowsPerBatch, out _))
            {
            }

            return 0;
        }, ct).ConfigureAwait(false);
    }

    private void Warn(string sqlState, string message)
    {
        if (Settings.NoticesVisible)
        {
            PgMessageWriter.Notice(_out, message, "WARNING", sqlState);
        }
    }

    private void CloseTransactionCursors()
    {
        foreach (var cursor in _cursors.Values.Where(c => !c.Hold).ToList())
        {
            cursor.Dispose();
            _cursors.Remove(cursor.Name);
        }
    }

    private void CloseAllCursors()
    {
        foreach (var cursor in _cursors.Values)
        {
            cursor.Dispose();
        }

        _cursors.Clear();
    }
}

using System.Text;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Sql;
using Microsoft.Extensions.Logging;

namespace DeepSql.Server.PgWire;

internal sealed partial class PgConnection
{
    private const int RowsPerBatch = 256;
    private static readonly TimeSpan NoticePollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _cancelLock = new();
    private CancellationTokenSource? _runningStatement;
    private bool _cancelledByUser;

    /// <summary>
    /// Query message: each statement in turn; the first error skips the rest. Several statements outside a
    /// transaction block run as one implicit transaction, as in PostgreSQL: an error in any of them undoes the
    /// others (not when the string controls transactions or cursors itself).
    /// </summary>
    private async Task SimpleQueryAsync(string sql, CancellationToken ct)
    {
        var statements = SqlText.SplitWithOffsets(sql);
        if (statements.Count == 0)
        {
            PgMessageWriter.EmptyQueryResponse(_out);
            return;
        }

        var commands = statements.Select(s => PgSessionCommand.TryParse(s.Text)).ToList();
        var implicitTransaction = statements.Count > 1 && _tx == TxIdle
            && statements.Zip(commands).All(p => MayRunInImplicitTransaction(p.First.Text, p.Second));
        if (implicitTransaction)
        {
            await BeginImplicitTransactionAsync(ct).ConfigureAwait(false);
        }

        var failed = false;
        try
        {
            await RunSimpleStatementsAsync(sql, statements, commands, ct).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            if (implicitTransaction && _tx != TxIdle)
            {
                await EndImplicitTransactionAsync(commit: !failed && _tx == TxInBlock, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RunSimpleStatementsAsync(string sql, IReadOnlyList<(string Text, int Offset)> statements,
        IReadOnlyList<PgSessionCommand?> commands, CancellationToken ct)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            var (text, offset) = statements[i];
            try
            {
                var statement = new PgPreparedStatement("", text, [], commands[i], sql, offset);
                using var portal = new PgPortal("", statement, [], []);
                if (statement.Copy is { } copy)
                {
                    await CopyOutAsync(copy, ct).ConfigureAwait(false);
                }
                else
                {
                    await ExecutePortalAsync(portal, 0, sendRowDescription: true, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (IsStatementError(e))
            {
                WriteStatementError(e);
                return;
            }

            if (_out.Length >= FlushThreshold)
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether a statement of a multi-statement Query may run inside the implicit transaction: not transaction or
    /// cursor control, DISCARD, or what the engine refuses inside a transaction (CHECKPOINT, VACUUM).
    /// </summary>
    private static bool MayRunInImplicitTransaction(string text, PgSessionCommand? command)
    {
        if (command is not null)
        {
            return command.Kind is not (PgCommandKind.Begin or PgCommandKind.Commit or PgCommandKind.Rollback
                or PgCommandKind.Discard or PgCommandKind.Declare or PgCommandKind.Fetch or PgCommandKind.Move
                or PgCommandKind.CloseCursor or PgCommandKind.Unsupported);
        }

        var first = SqlText.Tokenize(text).FirstOrDefault(t => !t.IsTrivia);
        return !(first.IsWord("CHECKPOINT") || first.IsWord("FORCE") || first.IsWord("VACUUM"));
    }

    private async Task BeginImplicitTransactionAsync(CancellationToken ct)
    {
        await RunBlockingAsync(() =>
        {
            using var result = Session.Execute("BEGIN TRANSACTION", null, CancellationToken.None);
            return 0;
        }, ct).ConfigureAwait(false);
        _tx = TxInBlock;
        Settings.BeginTransaction();
    }

    /// <summary>Ends the implicit transaction: COMMIT when every statement succeeded, else ROLLBACK (settings too).</summary>
    private async Task EndImplicitTransactionAsync(bool commit, CancellationToken ct)
    {
        try
        {
            using var result = await EndTransactionAsync(commit, CancellationToken.None, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStatementError(e))
        {
            // COMMIT failed (the engine has rolled back): the client learns it as the Query's error
            WriteStatementError(e);
        }
    }

    /// <summary>Runs the portal's statement (if not yet) and streams up to <paramref name="maxRows"/> rows (0 = all).</summary>
    private async Task ExecutePortalAsync(PgPortal portal, int maxRows, bool sendRowDescription, CancellationToken ct)
    {
        if (portal.Statement.IsEmpty)
        {
            PgMessageWriter.EmptyQueryResponse(_out);
            return;
        }

        if (portal.Completed)
        {
            PgMessageWriter.CommandComplete(_out, "SELECT 0");
            return;
        }

        if (portal.IsOpen)
        {
            ResumeStatement(portal.Cancellation!);
        }

        await OpenPortalAsync(portal, ct).ConfigureAwait(false);
        var result = portal.Result!;
        var token = portal.Cancellation!.Token;
        if (sendRowDescription && result.ReturnsRows)
        {
            PgMessageWriter.RowDescription(_out, portal.Columns);
        }

        long sent = 0;
        try
        {
            while (result.ReturnsRows && (maxRows <= 0 || sent < maxRows))
            {
                if (!portal.HasBufferedRows)
                {
                    if (portal.Exhausted)
                    {
                        break;
                    }

                    var (more, batch) = await RunBlockingAsync(() =>
                    {
                        try
                        {
                            var ok = result.TryReadBatch(RowsPerBatch, out var b);
                            return (ok, b);
                        }
                        catch (ObjectDisposedException)
                        {
                            // an engine that cannot keep a result open beside a later statement ended this one
                            throw new PgException(SqlStates.ObjectNotInPrerequisiteState,
                                $"portal \"{portal.Name}\" was closed by a later statement in this session");
                        }
                    }, ct).ConfigureAwait(false);
                    WriteNotices();
                    if (!more)
                    {
                        portal.Exhausted = true;
                        break;
                    }

                    portal.Batch = batch.Rows;
                    portal.BatchIndex = 0;
                    continue;
                }

                var rows = portal.Batch!;
                while (portal.BatchIndex < rows.Count && (maxRows <= 0 || sent < maxRows))
                {
                    PgMessageWriter.DataRow(_out, rows[portal.BatchIndex++], portal.Columns, _format);
                    sent++;
                }

                if (_out.Length >= FlushThreshold)
                {
                    await FlushAsync(ct).ConfigureAwait(false);
                }

                token.ThrowIfCancellationRequested();
            }
        }
        catch (Exception e) when (IsStatementError(e))
        {
            var translated = TranslateCancel(e, portal);
            portal.Completed = true;
            portal.Dispose();
            throw translated;
        }

        if (maxRows > 0 && sent >= maxRows && (portal.HasBufferedRows || !portal.Exhausted))
        {
            WriteNotices();
            PgMessageWriter.PortalSuspended(_out);
            SuspendStatement(portal.Cancellation!);
            return;
        }

        WriteNotices();
        PgMessageWriter.CommandComplete(_out, CommandTag(result, sent));
        portal.Completed = true;
        portal.Dispose();
    }

    /// <summary>Starts the portal's statement: interceptor first, then session commands, then the engine.</summary>
    private async Task OpenPortalAsync(PgPortal portal, CancellationToken ct)
    {
        if (portal.IsOpen || portal.Completed)
        {
            return;
        }

        var cts = BeginStatement();
        portal.Cancellation = cts;
        portal.OnEnd = EndStatement;
        try
        {
            _openingPortal = portal;
            var result = await OpenResultAsync(portal.Statement, portal.Parameters, cts.Token, ct).ConfigureAwait(false);
            portal.Result = result;
            portal.Columns = ResultColumns(result.Columns, portal.ResultFormats);
        }
        catch (Exception e) when (IsStatementError(e))
        {
            var translated = TranslateCancel(e, portal);
            portal.Completed = true;
            portal.Dispose();
            throw translated;
        }
        finally
        {
            _openingPortal = null;
        }
    }

    private async Task<IQueryResult> OpenResultAsync(PgPreparedStatement statement, object?[] parameters,
        CancellationToken statementToken, CancellationToken ct)
    {
        var sql = statement.Sql;
        var command = statement.Command;
        if (_tx == TxFailed && command?.Kind is not (PgCommandKind.Commit or PgCommandKind.Rollback))
        {
            throw new PgException(SqlStates.InFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction block");
        }

        if (_server.Interceptor is { } interceptor)
        {
            var intercepted = await RunBlockingAsync(() =>
            {
                var result = interceptor.TryExecute(sql, Session, statementToken);
                if (result is not null)
                {
                    _server.Catalog.RefreshFunctions(Session);
                }

                return result;
            }, ct).ConfigureAwait(false);
            if (intercepted is not null)
            {
                return intercepted;
            }
        }

        if (command is not null)
        {
            try
            {
                return await ExecuteCommandAsync(command, parameters, statementToken, ct).ConfigureAwait(false);
            }
            finally
            {
                await ApplyCatalogSettingsAsync(ct).ConfigureAwait(false);
            }
        }

        var rewritten = _server.Catalog.Rewrite(sql, out var aliases);
        var arguments = parameters.Length == 0 ? null : parameters;
        try
        {
            return await RunBlockingAsync(() => Session.Execute(rewritten, arguments, statementToken), ct).ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Position is { } position)
        {
            throw WithClientPosition(e, statement, rewritten, aliases, position);
        }
    }

    /// <summary>
    /// An engine error with its position moved into the client's text (field P): the engine saw the rewritten
    /// statement, the client counts from the start of its Query or Parse string. Where the rewrite changed the text
    /// on both sides of the position there is no telling, and P is left out. The column aliases the rewrite appended
    /// are taken out first: a position past one moves back by its length.
    /// </summary>
    private static PgException WithClientPosition(EngineException e, PgPreparedStatement statement, string rewritten,
        IReadOnlyList<(int Start, int Length)> aliases, int position)
    {
        var original = statement.Sql;
        int at = Utf16Index(rewritten, position - 1);
        if (aliases.Count > 0)
        {
            var without = new StringBuilder(rewritten.Length);
            int from = 0;
            int shift = 0;
            foreach (var (start, length) in aliases)
            {
                without.Append(rewritten, from, start - from);
                shift += Math.Clamp(at - start, 0, length);
                from = start + length;
            }

            without.Append(rewritten, from, rewritten.Length - from);
            rewritten = without.ToString();
            at -= shift;
        }

        int prefix = 0;
        int max = Math.Min(original.Length, rewritten.Length);
        while (prefix < max && original[prefix] == rewritten[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < max - prefix && original[^(suffix + 1)] == rewritten[^(suffix + 1)])
        {
            suffix++;
        }

        int? inOriginal = original == rewritten || at < prefix ? at
            : at >= rewritten.Length - suffix ? at - (rewritten.Length - original.Length)
            : null;
        var (text, offset) = statement.Client;
        var end = inOriginal is { } o ? offset + o : -1;
        if (inOriginal == original.Length)
        {
            // past the statement's end ("syntax error at end of input"): PostgreSQL's end of input is past the
            // whitespace and comments that follow it
            end += SqlText.Tokenize(text[end..]).TakeWhile(t => t.IsTrivia).Sum(t => t.Text.Length);
        }

        return new PgException(e.SqlState, e.Message)
        {
            Position = end >= 0 ? SqlText.CodePoints(text.AsSpan(0, end)) + 1 : 0,
        };
    }

    private static int Utf16Index(string text, int codePoints)
    {
        int index = 0;
        for (int n = 0; n < codePoints && index < text.Length; n++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>Column formats per Bind: none = all text, one = all columns, else one per column.</summary>
    private static PgColumn[] ResultColumns(IReadOnlyList<ColumnInfo> columns, short[] formats)
    {
        if (formats.Length > 1 && formats.Length != columns.Count)
        {
            throw new PgException(SqlStates.ProtocolViolation,
                $"bind message has {formats.Length} result formats but query has {columns.Count} columns");
        }

        var result = new PgColumn[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var format = formats.Length == 0 ? (short)0 : formats.Length == 1 ? formats[0] : formats[i];
            if (format is not (0 or 1))
            {
                throw new PgException(SqlStates.ProtocolViolation, $"unsupported format code: {format}");
            }

            result[i] = new PgColumn(columns[i].Name, PgType.From(columns[i].Type), format);
        }

        return result;
    }

    private static string CommandTag(IQueryResult result, long sent)
    {
        var kind = result.StatementKind.Trim().ToUpperInvariant();
        var rows = result.ReturnsRows ? sent : Math.Max(result.RowsAffected, 0);
        return kind switch
        {
            "INSERT" => $"INSERT 0 {rows}",
            "UPDATE" or "DELETE" or "MERGE" or "COPY" or "FETCH" or "MOVE" or "SELECT" => $"{kind} {rows}",
            "SHOW" or "EXPLAIN" => kind,
            _ when result.ReturnsRows => $"SELECT {rows}",
            "" => "OK",
            _ => kind,
        };
    }

    /// <summary>
    /// Runs blocking engine work on the thread pool. While it runs, queued notices go to the client every 250 ms.
    /// </summary>
    private async Task<T> RunBlockingAsync<T>(Func<T> work, CancellationToken ct)
    {
        var task = Task.Run(work, CancellationToken.None);
        while (!task.IsCompleted)
        {
            await ((Task)task).WaitAsync(NoticePollInterval, CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!task.IsCompleted && WriteNotices() > 0)
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }

        return await task.ConfigureAwait(false);
    }

    private int WriteNotices()
    {
        if (_session is null)
        {
            return 0;
        }

        var notices = _session.Context.DrainNotices();
        if (!Settings.NoticesVisible)
        {
            return 0;
        }

        foreach (var notice in notices)
        {
            PgMessageWriter.Notice(_out, notice);
        }

        return notices.Count;
    }

    private CancellationTokenSource BeginStatement()
    {
        var cts = new CancellationTokenSource();
        cts.Token.Register(static state =>
        {
            var self = (PgConnection)state!;
            try
            {
                self._session?.Cancel();
            }
            catch (Exception e)
            {
                self._logger.LogWarning(e, "Session {Pid}: engine cancel failed", self.ProcessId);
            }
        }, this);
        ResumeStatement(cts);
        return cts;
    }

    /// <summary>
    /// A portal suspended by Execute's row limit: its statement_timeout stops (PostgreSQL times each Execute, not
    /// the portal's life) and a CancelRequest no longer reaches it, so neither ends a later statement.
    /// </summary>
    private void SuspendStatement(CancellationTokenSource cts)
    {
        lock (_cancelLock)
        {
            if (_runningStatement == cts)
            {
                _runningStatement = null;
            }
        }

        cts.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    /// <summary>A statement starts, or a suspended portal's next Execute: timed and cancellable (again).</summary>
    private void ResumeStatement(CancellationTokenSource cts)
    {
        lock (_cancelLock)
        {
            _runningStatement = cts;
            _cancelledByUser = false;
        }

        var timeout = Settings.StatementTimeoutMs;
        if (timeout > 0)
        {
            cts.CancelAfter(timeout);
        }
    }

    private void EndStatement(CancellationTokenSource cts)
    {
        lock (_cancelLock)
        {
            if (_runningStatement == cts)
            {
                _runningStatement = null;
            }
        }

        cts.Dispose();
    }

    /// <summary>CancelRequest from another connection.</summary>
    public void CancelRunningStatement()
    {
        lock (_cancelLock)
        {
            if (_runningStatement is { } cts)
            {
                _cancelledByUser = true;
                cts.Cancel();
            }
        }
    }

    /// <summary>An engine error or cancellation after the statement was cancelled is reported as 57014.</summary>
    private Exception TranslateCancel(Exception e, PgPortal portal)
    {
        if (portal.Cancellation is { IsCancellationRequested: true } && e is EngineException or OperationCanceledException)
        {
            bool byUser;
            lock (_cancelLock)
            {
                byUser = _cancelledByUser;
            }

            return new PgException(SqlStates.QueryCanceled,
                byUser ? "canceling statement due to user request" : "canceling statement due to statement timeout");
        }

        return e;
    }

    /// <summary>
    /// 54000 from the engine ("an open result of this session holds more than N MiB of unread rows: …"): names the
    /// portal or cursor whose unread rows could not be set aside for the statement that failed.
    /// </summary>
    private string HeldResultMessage(IQueryResult held, string engineMessage)
    {
        const string subject = "an open result of this session ";
        var cursor = _cursors.Values.FirstOrDefault(c => ReferenceEquals(c.Result, held));
        var portal = _portals.Values.FirstOrDefault(p => ReferenceEquals(p.Result, held));
        var name = cursor is not null ? $"cursor \"{cursor.Name}\""
            : portal is null ? null
            : portal.Name.Length == 0 ? "the unnamed portal" : $"portal \"{portal.Name}\"";
        return name is not null && engineMessage.StartsWith(subject, StringComparison.Ordinal)
            ? name + " " + engineMessage[subject.Length..]
            : engineMessage;
    }

    private bool IsStatementError(Exception e) =>
        e is EngineException or (PgException { Severity: not "FATAL" }) or FormatException or OverflowException
        || (e is OperationCanceledException && !_connectionToken.IsCancellationRequested);

    private void WriteStatementError(Exception e)
    {
        WriteNotices();
        var (state, message) = e switch
        {
            EngineException { SqlState: SqlStates.ProgramLimitExceeded, Result: { } held } ee => (ee.SqlState, HeldResultMessage(held, ee.Message)),
            EngineException ee => (ee.SqlState, ee.Message),
            PgException pe => (pe.SqlState, pe.Message),
            OperationCanceledException => (SqlStates.QueryCanceled, "canceling statement due to user request"),
            _ => (SqlStates.InvalidTextRepresentation, e.Message),
        };
        PgMessageWriter.ErrorOrNotice(_out, (byte)'E', "ERROR", state, message, position: (e as PgException)?.Position ?? 0);
        if (_tx == TxInBlock)
        {
            _tx = TxFailed;
        }
    }
}

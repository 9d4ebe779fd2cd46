using System.Text;
using DeepSql.Server.PgWire.Messages;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire;

internal sealed partial class PgConnection
{
    private readonly Dictionary<string, PgPreparedStatement> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PgPortal> _portals = new(StringComparer.Ordinal);
    private PgPortal? _openingPortal;

    private async Task HandleExtendedAsync(PgFrontendMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case ParseMessage parse:
                Parse(parse);
                break;
            case BindMessage bind:
                await BindAsync(bind, ct).ConfigureAwait(false);
                break;
            case DescribeMessage { Kind: (byte)'S' } describe:
                await DescribeStatementAsync(FindStatement(describe.Name), ct).ConfigureAwait(false);
                break;
            case DescribeMessage describe:
                await DescribePortalAsync(FindPortal(describe.Name), ct).ConfigureAwait(false);
                break;
            case ExecuteMessage execute when FindPortal(execute.Portal) is { Statement.Copy: { } copy } copyPortal:
                // COPY TO STDOUT ignores the row limit: CopyOutResponse, CopyData…, CopyDone, CommandComplete
                if (!copyPortal.Completed)
                {
                    copyPortal.Completed = true;
                    await CopyOutAsync(copy, ct).ConfigureAwait(false);
                }
                else
                {
                    PgMessageWriter.CommandComplete(_out, "COPY 0");
                }

                break;
            case ExecuteMessage execute:
                await ExecutePortalAsync(FindPortal(execute.Portal), execute.MaxRows, sendRowDescription: false, ct)
                    .ConfigureAwait(false);
                break;
            case CloseMessage { Kind: (byte)'S' } close:
                _statements.Remove(close.Name);
                PgMessageWriter.CloseComplete(_out);
                break;
            case CloseMessage close:
                if (_portals.Remove(close.Name, out var closed))
                {
                    closed.Dispose();
                }

                PgMessageWriter.CloseComplete(_out);
                break;
            case UnsupportedMessage { Type: (byte)'F' }:
                throw new PgException(SqlStates.FeatureNotSupported, "the fast-path function call interface is not supported");
            case UnsupportedMessage:
                throw new PgException(SqlStates.ProtocolViolation, "COPY FROM STDIN is not supported");
            default:
                throw new PgProtocolException("unexpected message");
        }
    }

    private void Parse(ParseMessage parse)
    {
        var statements = SqlText.SplitWithOffsets(parse.Sql);
        if (statements.Count > 1)
        {
            throw new PgException(SqlStates.SyntaxError, "cannot insert multiple commands into a prepared statement");
        }

        if (parse.Name.Length > 0 && _statements.ContainsKey(parse.Name))
        {
            throw new PgException(SqlStates.DuplicatePreparedStatement, $"prepared statement \"{parse.Name}\" already exists");
        }

        var (sql, offset) = statements.Count == 0 ? ("", 0) : statements[0];
        var count = Math.Max(SqlText.CountParameters(sql), parse.ParameterOids.Length);
        var oids = new int[count];
        parse.ParameterOids.CopyTo(oids, 0);
        _statements[parse.Name] = new PgPreparedStatement(parse.Name, sql, oids, PgSessionCommand.TryParse(sql), parse.Sql, offset);
        PgMessageWriter.ParseComplete(_out);
    }

    private async Task BindAsync(BindMessage bind, CancellationToken ct)
    {
        var statement = FindStatement(bind.Statement);
        var count = statement.ParameterOids.Length;
        if (bind.Values.Length != count)
        {
            throw new PgException(SqlStates.ProtocolViolation,
                $"bind message supplies {bind.Values.Length} parameters, but prepared statement \"{statement.Name}\" requires {count}");
        }

        if (bind.ParameterFormats.Length > 1 && bind.ParameterFormats.Length != count)
        {
            throw new PgException(SqlStates.ProtocolViolation,
                $"bind message has {bind.ParameterFormats.Length} parameter formats but {count} parameters");
        }

        if (bind.Portal.Length > 0 && _portals.ContainsKey(bind.Portal))
        {
            throw new PgException(SqlStates.DuplicateCursor, $"portal \"{bind.Portal}\" already exists");
        }

        // Bind replaces a portal of the same name (the unnamed one) first: describing the statement below would
        // otherwise make the engine set the old portal's unread rows aside.
        if (_portals.Remove(bind.Portal, out var previous))
        {
            previous.Dispose();
        }

        IReadOnlyList<SqlType>? inferred = null;
        if (Array.IndexOf(statement.ParameterOids, 0) >= 0 && statement.Command is null && statement.Copy is null)
        {
            inferred = (await TryDescribeAsync(statement, ct).ConfigureAwait(false))?.ParameterTypes;
        }

        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            var bytes = bind.Values[i];
            if (bytes is null)
            {
                continue;
            }

            var format = bind.ParameterFormats.Length == 0 ? 0 : bind.ParameterFormats.Length == 1 ? bind.ParameterFormats[0] : bind.ParameterFormats[i];
            var oid = statement.ParameterOids[i];
            var type = oid != 0 ? PgType.ToSqlType(oid)
                : inferred is not null && i < inferred.Count ? inferred[i] : new SqlType(SqlTypeKind.Unknown);
            values[i] = DecodeParameter(bytes, format, oid != 0 ? oid : PgType.From(type).Oid, type, i + 1);
        }

        _portals[bind.Portal] = new PgPortal(bind.Portal, statement, values, bind.ResultFormats);
        PgMessageWriter.BindComplete(_out);
    }

    private static object? DecodeParameter(byte[] bytes, int format, int oid, SqlType type, int number)
    {
        if (format == 1)
        {
            try
            {
                return PgBinaryCodec.Read(bytes, oid);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new PgException(SqlStates.InvalidBinaryRepresentation, $"incorrect binary data format in bind parameter {number}");
            }
        }

        if (format != 0)
        {
            throw new PgException(SqlStates.ProtocolViolation, $"unsupported format code: {format}");
        }

        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            return PgTextParse.Parse(text, type);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new PgException(SqlStates.InvalidTextRepresentation,
                $"invalid input syntax for type {type.ToString().ToLowerInvariant()}: \"{text}\"");
        }
    }

    /// <summary>Describe statement: ParameterDescription, then RowDescription (text formats) or NoData.</summary>
    private async Task DescribeStatementAsync(PgPreparedStatement statement, CancellationToken ct)
    {
        StatementDescription? description = null;
        if (!statement.IsEmpty && statement.Command is null && statement.Copy is null)
        {
            try
            {
                description = statement.Description ??= await RunBlockingAsync(() => Describe(statement), ct).ConfigureAwait(false);
            }
            catch (EngineException e) when (e.Position is { } position)
            {
                var rewritten = _server.Catalog.Rewrite(statement.Sql, out var aliases);
                throw WithClientPosition(e, statement, rewritten, aliases, position);
            }
        }

        var oids = new int[statement.ParameterOids.Length];
        for (var i = 0; i < oids.Length; i++)
        {
            var oid = statement.ParameterOids[i];
            if (oid == 0 && description is not null && i < description.ParameterTypes.Count
                && description.ParameterTypes[i].Kind != SqlTypeKind.Unknown)
            {
                oid = PgType.From(description.ParameterTypes[i]).Oid;
            }

            oids[i] = oid == 0 ? PgOid.Text : oid;
        }

        PgMessageWriter.ParameterDescription(_out, oids);
        var columns = statement.Command is { } command ? CommandColumns(command) : description?.Columns ?? [];
        WriteRowDescriptionOrNoData(ResultColumns(columns, []));
    }

    /// <summary>
    /// Describe portal. The portal's statement starts here (PostgreSQL knows a portal's shape before Execute; we learn
    /// it from the running result); Execute then streams its rows.
    /// </summary>
    private async Task DescribePortalAsync(PgPortal portal, CancellationToken ct)
    {
        if (portal.Statement.IsEmpty || portal.Statement.Copy is not null)
        {
            PgMessageWriter.NoData(_out);
            return;
        }

        if (portal.Statement.Command is { Kind: not (PgCommandKind.Fetch or PgCommandKind.Show or PgCommandKind.SetConfig) } command)
        {
            _ = command;
            PgMessageWriter.NoData(_out);
            return;
        }

        await OpenPortalAsync(portal, ct).ConfigureAwait(false);
        WriteRowDescriptionOrNoData(portal.Result is { ReturnsRows: true } ? portal.Columns : []);
    }

    private IReadOnlyList<ColumnInfo> CommandColumns(PgSessionCommand command) => command.Kind switch
    {
        PgCommandKind.Show when command.Name!.Equals("ALL", StringComparison.OrdinalIgnoreCase) => ShowAllColumns,
        PgCommandKind.Show => [new ColumnInfo(Settings.Get(command.Name!).Name, SqlType.Text)],
        PgCommandKind.SetConfig => [new ColumnInfo(command.Column ?? "set_config", SqlType.Text)],
        PgCommandKind.Fetch when _cursors.TryGetValue(command.Name!, out var cursor) => cursor.Columns,
        _ => [],
    };

    private void WriteRowDescriptionOrNoData(IReadOnlyList<PgColumn> columns)
    {
        if (columns.Count == 0)
        {
            PgMessageWriter.NoData(_out);
        }
        else
        {
            PgMessageWriter.RowDescription(_out, columns);
        }
    }

    private async Task<StatementDescription?> TryDescribeAsync(PgPreparedStatement statement, CancellationToken ct)
    {
        if (statement.Description is not null)
        {
            return statement.Description;
        }

        try
        {
            return statement.Description = await RunBlockingAsync(() => Describe(statement), ct).ConfigureAwait(false);
        }
        catch (EngineException)
        {
            return null;
        }
    }

    /// <summary>
    /// The statement's columns with its parameters typed: by Parse where it named a type, else by the engine's own
    /// inference. The parameter types reported stay the engine's (Parse's types win over them in the caller).
    /// </summary>
    private StatementDescription Describe(PgPreparedStatement statement)
    {
        var sql = _server.Catalog.Rewrite(statement.Sql);
        if (statement.ParameterOids.Length == 0)
        {
            return Session.Describe(sql);
        }

        StatementDescription? plain = null;
        EngineException? failure = null;
        try
        {
            plain = Session.Describe(sql);
        }
        catch (EngineException e) when (Array.Exists(statement.ParameterOids, oid => oid != 0))
        {
            failure = e;
        }

        var types = new SqlType[statement.ParameterOids.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var oid = statement.ParameterOids[i];
            types[i] = oid != 0 ? PgType.ToSqlType(oid)
                : plain is not null && i < plain.ParameterTypes.Count ? plain.ParameterTypes[i] : new SqlType(SqlTypeKind.Unknown);
        }

        if (PgParameterCasts.Apply(sql, types) is { } cast)
        {
            try
            {
                var typed = Session.Describe(cast);
                return new StatementDescription(typed.Columns, plain?.ParameterTypes ?? types);
            }
            catch (EngineException) when (plain is not null)
            {
                // The cast form is only a better guess; the engine's own answer stands.
            }
        }

        return plain ?? throw failure!;
    }

    private PgPreparedStatement FindStatement(string name) =>
        _statements.TryGetValue(name, out var statement)
            ? statement
            : throw new PgException(SqlStates.InvalidSqlStatementName,
                name.Length == 0 ? "unnamed prepared statement does not exist" : $"prepared statement \"{name}\" does not exist");

    private PgPortal FindPortal(string name) =>
        _portals.TryGetValue(name, out var portal)
            ? portal
            : throw new PgException(SqlStates.InvalidCursorName,
                name.Length == 0 ? "unnamed portal does not exist" : $"portal \"{name}\" does not exist");

    /// <summary>Sync outside a transaction block ends the implicit transaction, and with it every portal.</summary>
    private void EndImplicitTransaction()
    {
        if (_tx == TxIdle)
        {
            CloseAllPortals();
        }
    }

    /// <summary>Closes every portal except the one running now (DISCARD ALL runs inside a portal of its own).</summary>
    private void CloseAllPortals()
    {
        foreach (var (name, portal) in _portals.ToList())
        {
            if (!ReferenceEquals(portal, _openingPortal))
            {
                portal.Dispose();
                _portals.Remove(name);
            }
        }
    }
}

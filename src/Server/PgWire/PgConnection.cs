using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DeepSql.Server.PgWire.Messages;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;
using Microsoft.Extensions.Logging;

namespace DeepSql.Server.PgWire;

/// <summary>
/// One client connection: startup and authentication, then the message loop. Messages are handled one at a time;
/// engine calls (blocking) run on the thread pool while this loop awaits them.
/// </summary>
internal sealed partial class PgConnection
{
    private const int FlushThreshold = 64 * 1024;
    private const byte TxIdle = (byte)'I';
    private const byte TxInBlock = (byte)'T';
    private const byte TxFailed = (byte)'E';

    private readonly PgServer _server;
    private readonly Socket _socket;
    private readonly PgOutputBuffer _out = new();
    private readonly ILogger _logger;
    private Stream _stream;
    private PipeReader _reader;
    private IEngineSession? _session;
    private PgSessionSettings? _settings;
    private PgFormatSettings _format = PgFormatSettings.Default;
    private byte _tx = TxIdle;
    private string _user = "";
    private CancellationToken _connectionToken;

    public PgConnection(PgServer server, Socket socket)
    {
        _server = server;
        _socket = socket;
        _logger = server.Logger;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        ProcessId = server.NextProcessId();
        SecretKey = RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    public int ProcessId { get; }

    public int SecretKey { get; }

    private IEngineSession Session => _session!;

    private PgSessionSettings Settings => _settings!;

    private bool IsLoopback => _socket.RemoteEndPoint is IPEndPoint ep && IPAddress.IsLoopback(ep.Address);

    /// <summary>Closes the socket (server stop); the loop ends with an I/O error.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        _connectionToken = ct;
        try
        {
            if (await StartupAsync(ct).ConfigureAwait(false))
            {
                await MessageLoopAsync(ct).ConfigureAwait(false);
            }
        }
        catch (PgProtocolException e)
        {
            _logger.LogDebug("Session {Pid}: protocol violation: {Message}", ProcessId, e.Message);
            await TrySendFatalAsync(SqlStates.ProtocolViolation, e.Message).ConfigureAwait(false);
        }
        catch (PgException e) when (e.Severity == "FATAL")
        {
            await TrySendFatalAsync(e.SqlState, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            or System.Security.Authentication.AuthenticationException)
        {
            _logger.LogDebug("Session {Pid} ended: {Message}", ProcessId, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Session {Pid}: unexpected error; closing the connection", ProcessId);
            await TrySendFatalAsync(SqlStates.InternalError, "internal error: " + e.Message).ConfigureAwait(false);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task MessageLoopAsync(CancellationToken ct)
    {
        var discardUntilSync = false;
        while (true)
        {
            var message = await ReadMessageAsync(ct).ConfigureAwait(false);
            switch (message)
            {
                case null or TerminateMessage:
                    return;
                case SyncMessage:
                    discardUntilSync = false;
                    EndImplicitTransaction();
                    await ReadyForQueryAsync(ct).ConfigureAwait(false);
                    continue;
                case FlushMessage:
                    await FlushAsync(ct).ConfigureAwait(false);
                    continue;
                case QueryMessage query:
                    discardUntilSync = false;
                    await SimpleQueryAsync(query.Sql, ct).ConfigureAwait(false);
                    EndImplicitTransaction();
                    await ReadyForQueryAsync(ct).ConfigureAwait(false);
                    continue;
                case PasswordMessage:
                    throw new PgProtocolException("unexpected password message");
            }

            if (discardUntilSync)
            {
                continue;
            }

            try
            {
                await HandleExtendedAsync(message, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStatementError(e))
            {
                WriteStatementError(e);
                discardUntilSync = true;
            }

            if (_out.Length >= FlushThreshold)
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<PgFrontendMessage?> ReadMessageAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            PgFrontendMessage? message;
            bool complete;
            try
            {
                complete = PgMessageReader.TryReadMessage(ref buffer, _server.Options.MaxMessageBytes, out message);
            }
            catch
            {
                _reader.AdvanceTo(buffer.Start);
                throw;
            }

            if (complete)
            {
                _reader.AdvanceTo(buffer.Start);
                return message;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                if (buffer.Length > 0)
                {
                    _logger.LogDebug("Session {Pid}: connection closed inside a message", ProcessId);
                }

                return null;
            }
        }
    }

    private async Task ReadyForQueryAsync(CancellationToken ct)
    {
        PgMessageWriter.ReadyForQuery(_out, _tx);
        await FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_out.Length == 0)
        {
            return;
        }

        await _stream.WriteAsync(_out.WrittenMemory, ct).ConfigureAwait(false);
        _out.Clear();
    }

    private async Task TrySendFatalAsync(string sqlState, string message)
    {
        try
        {
            PgMessageWriter.ErrorOrNotice(_out, (byte)'E', "FATAL", sqlState, message);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the client is gone; nothing to tell
        }
    }

    private async Task CloseAsync()
    {
        _server.Unregister(this);
        CloseAllPortals();
        CloseAllCursors();
        if (_session is not null)
        {
            var session = _session;
            _session = null;
            try
            {
                await Task.Run(session.Dispose).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Session {Pid}: engine session dispose failed", ProcessId);
            }
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}

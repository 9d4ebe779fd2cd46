using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;
using Microsoft.Extensions.Logging;

namespace DeepSql.Server.PgWire;

/// <summary>
/// The Postgres wire protocol front end: accepts connections, runs one <see cref="PgConnection"/> per client (each
/// with its own engine session) and routes CancelRequests to the session they name.
/// </summary>
public sealed class PgServer : IAsyncDisposable
{
    private readonly PgServerOptions _options;
    private readonly IQueryEngine _engine;
    private readonly IStatementInterceptor? _interceptor;
    private readonly ILogger<PgServer> _logger;
    private readonly IPgCatalogHooks _catalog;
    private readonly Dictionary<string, PgScramCredentials> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, PgConnection> _sessions = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _warmCatalog = Task.CompletedTask;
    private int _nextProcessId = 1000;

    public PgServer(PgServerOptions options, IQueryEngine engine, IStatementInterceptor? interceptor, ILogger<PgServer> logger,
        Func<IReadOnlyList<ModelFunction>>? functions = null)
    {
        _options = options;
        _engine = engine;
        _interceptor = interceptor;
        _logger = logger;
        _catalog = PgCatalogHooks.Create(engine, functions);
        foreach (var (user, password) in options.Users)
        {
            _credentials[user] = PgScramCredentials.Create(password);
        }

        // Users without credentials who may not use trust get a SCRAM exchange that cannot succeed.
        UnknownUserCredentials = PgScramCredentials.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>The port actually bound (after <see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Sessions that completed startup and are open now.</summary>
    public int OpenSessions => _sessions.Count;

    internal PgServerOptions Options => _options;

    internal IQueryEngine Engine => _engine;

    internal IStatementInterceptor? Interceptor => _interceptor;

    internal IPgCatalogHooks Catalog => _catalog;

    internal ILogger Logger => _logger;

    internal X509Certificate2? Certificate { get; private set; }

    internal PgScramCredentials UnknownUserCredentials { get; }

    internal PgScramCredentials? CredentialsFor(string user) => _credentials.GetValueOrDefault(user);

    /// <summary>Binds and starts accepting; listening when it returns.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_options.TlsCertificatePath is not null)
        {
            Certificate = X509Certificate2.CreateFromPemFile(_options.TlsCertificatePath, _options.TlsKeyPath);
        }

        _listener = new TcpListener(_options.Bind, _options.Port);
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _logger.LogInformation("Postgres wire protocol listening on {Address}:{Port}", _options.Bind, Port);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
        // Creating the catalog takes seconds; do it now rather than in the first client's startup.
        _warmCatalog = Task.Run(WarmCatalog, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection and waits for them to end.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener?.Stop();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _sessions.Values)
        {
            connection.Abort();
        }

        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        await _warmCatalog.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        Certificate?.Dispose();
    }

    private void WarmCatalog()
    {
        try
        {
            _catalog.Warm();
        }
        catch (Exception e) when (e is EngineException or ObjectDisposedException or InvalidOperationException)
        {
            // the first client's session creates it then, and reports what fails
            _logger.LogWarning(e, "Preparing the pg_catalog emulation ahead of the first session failed");
        }
    }

    internal int NextProcessId() => Interlocked.Increment(ref _nextProcessId);

    internal void Register(PgConnection connection) => _sessions[connection.ProcessId] = connection;

    internal void Unregister(PgConnection connection) => _sessions.TryRemove(connection.ProcessId, out _);

    /// <summary>CancelRequest: cancels the statement running in the session with that process id and secret.</summary>
    internal void Cancel(int processId, int secretKey)
    {
        if (_sessions.TryGetValue(processId, out var connection) && connection.SecretKey == secretKey)
        {
            connection.CancelRunningStatement();
        }
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                _logger.LogWarning(e, "Accept failed");
                continue;
            }

            socket.NoDelay = true;
            var connection = new PgConnection(this, socket);
            var task = Task.Run(() => connection.RunAsync(ct), CancellationToken.None);
            _connections[task] = 0;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}

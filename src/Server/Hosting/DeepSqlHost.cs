using System.Diagnostics;
using System.Security.Cryptography;
using DeepSql.Registry;
using DeepSql.Server.Demo;
using DeepSql.Server.Http;
using DeepSql.Server.Observability;
using DeepSql.Server.PgWire;
using DeepSql.Server.Sql;
using DeepSql.Udf;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using DeepSql.Udf.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepSql.Server.Hosting;

/// <summary>
/// The running service: engine, registry, inference runtime, Postgres listener and HTTP listener, started in the
/// order /health describes (listeners first, then the shipped models; healthy once both are done).
/// Tests start it in-process on free ports through <see cref="StartAsync"/>.
/// </summary>
public sealed partial class DeepSqlHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly PgServer _pg;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();

    private DeepSqlHost(ServiceOptions options, WebApplication web, PgServer pg, IQueryEngine engine,
        ModelStore store, ModelRuntime runtime, ServiceHealth health, ILogger log)
    {
        Options = options;
        _web = web;
        _pg = pg;
        Engine = engine;
        Store = store;
        Runtime = runtime;
        Health = health;
        _log = log;
    }

    public ServiceOptions Options { get; }

    public IQueryEngine Engine { get; }

    public ModelStore Store { get; }

    public ModelRuntime Runtime { get; }

    public ServiceHealth Health { get; }

    /// <summary>Bound Postgres port.</summary>
    public int PgPort => _pg.Port;

    /// <summary>Bound HTTP port.</summary>
    public int HttpPort { get; private set; }

    /// <summary>Finishes when the shipped models are loaded and demo data is in place (or failed to load).</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    /// <summary>Why the shipped models could not be loaded, if they could not (the service then stays unhealthy).</summary>
    public Exception? StartupError { get; private set; }

    /// <summary>The admin token in force.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Starts everything; returns once both listeners accept connections. Models load in the background.</summary>
    public static async Task<DeepSqlHost> StartAsync(ServiceOptions options, Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        Directory.CreateDirectory(options.DataDir);
        SampleData.EnsureSamples(Path.Combine(options.DataDir, "samples"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(options.Bind, options.HttpPort);
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes;
        });

        var adminToken = options.AdminToken ?? LoadOrCreateAdminToken(options.DataDir, out _);

        var engine = new DuckDbEngine(new DuckDbEngineOptions
        {
            DatabasePath = Path.Combine(options.DataDir, "deepsql.duckdb"),
            AllowedDirectories = [options.DataDir, .. options.FilesDirs],
            Threads = options.EngineThreads,
        });
        var store = new ModelStore(Path.Combine(options.DataDir, "models"), ModelRuntime.CreateInspector(),
            engine.IsBuiltinFunction);
        var runtime = new ModelRuntime(store, engine, new RuntimeOptions
        {
            IntraOpThreads = options.InferenceThreads,
            DefaultBatchSize = options.BatchSize,
        });
        var health = new ServiceHealth();
        var interceptor = new ModelStatementInterceptor(store, runtime);

        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IQueryEngine>(engine);
        builder.Services.AddSingleton<IStatementInterceptor>(interceptor);
        builder.Services.AddSingleton(interceptor);
        builder.Services.AddSingleton(health);
        builder.Services.AddDeepSqlHttp(new HttpApiOptions
        {
            AdminToken = adminToken,
            MaxUploadBytes = options.MaxUploadBytes,
            Users = options.Users,
        });

        var web = builder.Build();
        web.MapDeepSqlHttp();
        var log = web.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DeepSql");

        var pg = new PgServer(new PgServerOptions
        {
            Bind = options.Bind,
            Port = options.PgPort,
            Users = options.Users,
            TlsCertificatePath = options.TlsCertificatePath,
            TlsKeyPath = options.TlsKeyPath,
            RequireTlsForRemote = options.RequireTlsForRemote,
        }, engine, interceptor, web.Services.GetRequiredService<ILogger<PgServer>>(), () => runtime.Functions);

        var host = new DeepSqlHost(options, web, pg, engine, store, runtime, health, log) { AdminToken = adminToken };
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        host.HttpPort = new Uri(web.Urls.First()).Port;
        health.HttpListening = true;
        await pg.StartAsync(cancellationToken).ConfigureAwait(false);
        health.PgListening = true;
        web.Services.GetRequiredService<QueryMetrics>().SetOpenSessionsSource(QueryMetrics.PgPort, () => pg.OpenSessions);
        LogListening(log, options.Bind.ToString(), host.PgPort, host.HttpPort);

        host.Ready = Task.Run(() => host.LoadModelsAndData(started), CancellationToken.None);
        return host;
    }

    private void LoadModelsAndData(Stopwatch started)
    {
        try
        {
            ShippedModels.EnsureInstalled(Store);
            Runtime.Start();
            Health.ModelsLoaded = true;
            LogReady(_log, started.Elapsed.TotalSeconds, Runtime.Functions.Count);
        }
        catch (Exception e)
        {
            StartupError = e;
            LogStartupFailed(_log, e);
            return;
        }

        if (!Directory.Exists(Options.FashionMnistDir))
        {
            return;
        }

        try
        {
            using var session = Engine.OpenSession(new SessionContext { SessionId = 0, User = "deepsql" });
            var loadTime = Stopwatch.StartNew();
            if (FashionMnist.TryLoad(session, Options.FashionMnistDir, out var message))
            {
                LogDemoData(_log, message, loadTime.Elapsed.TotalSeconds);
            }
            else
            {
                LogDemoDataFailed(_log, message);
            }
        }
        catch (Exception e)
        {
            LogDemoDataFailed(_log, e.Message);
        }
    }

    /// <summary>Waits until the process is asked to stop (Ctrl-C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _web.WaitForShutdownAsync(_stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pg.StopAsync().ConfigureAwait(false);
        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        Runtime.Dispose();
        await Engine.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Reads DATA_DIR/admin-token, or makes one (printed once, stored with owner-only permissions).</summary>
    public static string LoadOrCreateAdminToken(string dataDir, out bool created)
    {
        var path = Path.Combine(dataDir, "admin-token");
        if (File.Exists(path))
        {
            created = false;
            return File.ReadAllText(path).Trim();
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var temp = path + ".tmp";
        File.WriteAllText(temp, token + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
        created = true;
        Console.WriteLine($"Generated admin token (stored in {path}): {token}");
        return token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening: postgres://{Bind}:{PgPort}  http://{Bind}:{HttpPort}")]
    private static partial void LogListening(ILogger logger, string bind, int pgPort, int httpPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready after {Seconds:F1} s: {Functions} model functions loaded")]
    private static partial void LogReady(ILogger logger, double seconds, int functions);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Loading the models failed; /health stays 503")]
    private static partial void LogStartupFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Message} ({Seconds:F1} s)")]
    private static partial void LogDemoData(ILogger logger, string message, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not loaded: {Message}")]
    private static partial void LogDemoDataFailed(ILogger logger, string message);
}

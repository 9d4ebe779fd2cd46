using System.Net;
using System.Net.Sockets;

namespace DeepSql.Clients.Tests;

/// <summary>
/// A real PostgreSQL 15 (Debian's /usr/lib/postgresql/15/bin) in a data folder under /tmp on a free port, trust
/// authentication on 127.0.0.1, TimeZone UTC like the service. Started once for the collection, stopped after it.
/// As root the server runs as the postgres user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly bool _asRoot = Environment.UserName == "root";

    public string DataDir { get; } = Path.Combine("/tmp", "deepsql-pg15-" + Guid.NewGuid().ToString("N")[..8]);

    private int _port;
    private string? _startError;

    /// <summary>The server's port; fails the calling test (only it) when the server could not be started.</summary>
    public int Port
    {
        get
        {
            Assert.True(_startError is null, _startError);
            return _port;
        }
    }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    public Task InitializeAsync()
    {
        try
        {
            Start();
        }
        catch (Exception e)
        {
            // Kept for the differential tests; the other tests of the collection don't need PostgreSQL.
            _startError = "PostgreSQL 15 could not be started: " + e.Message;
        }

        return Task.CompletedTask;
    }

    private void Start()
    {
        Directory.CreateDirectory(DataDir);
        if (_asRoot)
        {
            Chown(DataDir);
        }

        _port = FreePort();
        var init = PgTool(Tools.Initdb, ["-D", DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        Assert.True(init.ExitCode == 0, $"initdb failed\n{init}");
        var options = $"-p {_port} -k {DataDir} -c listen_addresses=127.0.0.1 -c TimeZone=UTC -c fsync=off";
        var start = PgTool(Tools.PgCtl, ["-D", DataDir, "-l", Path.Combine(DataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        Assert.True(start.ExitCode == 0, $"pg_ctl start failed\n{start}\n{ReadLog()}");
    }

    public Task DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            PgTool(Tools.PgCtl, ["-D", DataDir, "-m", "immediate", "-w", "stop"]);
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    private ProcessResult PgTool(string tool, string[] args) =>
        _asRoot ? Tools.Run("/usr/sbin/runuser", ["-u", "postgres", "--", tool, .. args]) : Tools.Run(tool, args);

    private static void Chown(string dir)
    {
        var r = Tools.Run("/bin/chown", ["postgres:postgres", dir]);
        Assert.True(r.ExitCode == 0, $"chown postgres {dir} failed (is there a postgres user?)\n{r}");
    }

    private string ReadLog()
    {
        var log = Path.Combine(DataDir, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server.log)";
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

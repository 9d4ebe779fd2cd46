using System.Collections.Concurrent;
using System.Globalization;
using DeepSql.Udf.Functions;
using DuckDB.NET.Data;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// The embedded engine: one in-process DuckDB database, one DuckDB connection per client session. File access is
/// confined to <see cref="DuckDbEngineOptions.AllowedDirectories"/> and the configuration is locked before the first
/// session opens. Owns the database (native handles): dispose it.
/// </summary>
public sealed partial class DuckDbEngine : IQueryEngine
{
    private readonly DuckDBConnection _root;
    private readonly string _connectionString;
    private readonly Lock _rootLock = new();
    private readonly ConcurrentDictionary<ulong, DuckDbSession> _sessions = new();
    private readonly HashSet<string> _builtinFunctions;
    private readonly SessionContext _rootContext = new() { SessionId = 0, User = "system" };
    private bool _disposed;

    /// <summary>Opens (or creates) the database and applies the safety settings.</summary>
    public DuckDbEngine(DuckDbEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var dataSource = options.DatabasePath ?? ":memory:";
        var connectionString = $"Data Source={dataSource};threads={options.Threads.ToString(CultureInfo.InvariantCulture)}";
        if (options.MemoryLimit is not null)
        {
            connectionString += $";memory_limit={options.MemoryLimit}";
        }

        _connectionString = connectionString;
        _root = new DuckDBConnection(connectionString);
        try
        {
            _root.Open();
            ApplySafetySettings(options.AllowedDirectories);
            _builtinFunctions = LoadFunctionNames();
        }
        catch (Exception ex)
        {
            _root.Dispose();
            throw DuckDbErrors.FromException(ex);
        }
    }

    /// <inheritdoc />
    public string Name => "duckdb";

    /// <summary>The options the engine was created with.</summary>
    public DuckDbEngineOptions Options { get; }

    /// <inheritdoc />
    public IEngineSession OpenSession(SessionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ObjectDisposedException.ThrowIf(_disposed, this);
        DuckDBConnection connection;
        lock (_rootLock)
        {
            // DuckDB.NET shares one database per file among connections opened with its path; an in-memory database
            // is only reachable by duplicating a connection to it.
            connection = Options.DatabasePath is null ? _root.Duplicate() : new DuckDBConnection(_connectionString);
        }

        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                connection.Open();
            }

            var id = ConnectionId(connection);
            var session = new DuckDbSession(this, connection, id, context);
            _sessions[id] = session;
            return session;
        }
        catch (Exception ex)
        {
            connection.Dispose();
            throw DuckDbErrors.FromException(ex);
        }
    }

    /// <summary>
    /// True when <paramref name="name"/> is one of DuckDB's own functions or macros (as listed by duckdb_functions()
    /// when the engine started), so a model function of that name would shadow it. Model functions are not built-ins.
    /// </summary>
    public bool IsBuiltinFunction(string name) => _builtinFunctions.Contains(name.ToLowerInvariant());

    /// <summary>Runs a statement on the engine's own connection (setup scripts, tests); no rows are returned.</summary>
    public void ExecuteAdministrative(string sql)
    {
        lock (_rootLock)
        {
            try
            {
                using var command = _root.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            catch (Exception ex)
            {
                throw DuckDbErrors.FromException(ex);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        lock (_rootLock)
        {
            _root.Dispose();
        }

        FreeFunctionSlots();
        return ValueTask.CompletedTask;
    }

    /// <summary>The context of the session that owns DuckDB connection <paramref name="connectionId"/>.</summary>
    internal SessionContext ContextFor(ulong connectionId) =>
        _sessions.TryGetValue(connectionId, out var session) ? session.Context : _rootContext;

    internal void Forget(DuckDbSession session) => _sessions.TryRemove(session.ConnectionId, out _);

    internal static ulong ConnectionId(DuckDBConnection connection)
    {
        DuckDbNative.duckdb_connection_get_client_context(connection.NativeConnection.DangerousGetHandle(), out var context);
        try
        {
            return DuckDbNative.duckdb_client_context_get_connection_id(context);
        }
        finally
        {
            DuckDbNative.duckdb_destroy_client_context(ref context);
        }
    }

    private void ApplySafetySettings(IReadOnlyList<string> allowedDirectories)
    {
        // allowed_directories is matched as a path prefix: end each folder with '/' so /data does not admit /database.
        var folders = allowedDirectories
            .Select(d => Path.GetFullPath(d))
            .Select(d => d.EndsWith(Path.DirectorySeparatorChar) ? d : d + Path.DirectorySeparatorChar)
            .Select(d => $"'{d.Replace("'", "''", StringComparison.Ordinal)}'");
        string[] settings =
        [
            $"SET allowed_directories = [{string.Join(", ", folders)}]",
            // Locked below, so no session can change it later: timestamps with time zone print in UTC.
            "SET TimeZone = 'UTC'",
            "SET autoinstall_known_extensions = false",
            "SET autoload_known_extensions = false",
            "SET enable_external_access = false",
            "SET lock_configuration = true",
        ];
        using var command = _root.CreateCommand();
        foreach (var setting in settings)
        {
            command.CommandText = setting;
            command.ExecuteNonQuery();
        }
    }

    private HashSet<string> LoadFunctionNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var command = _root.CreateCommand();
        command.CommandText = "SELECT DISTINCT lower(function_name) FROM duckdb_functions()";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

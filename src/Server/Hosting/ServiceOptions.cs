using System.Collections;
using System.Net;

namespace DeepSql.Server.Hosting;

/// <summary>
/// The service's configuration: command-line options, each also settable by an environment variable
/// (DEEPSQL_PG_PORT, …). A command-line option wins over the environment.
/// </summary>
public sealed record ServiceOptions
{
    public int PgPort { get; init; } = 5433;

    public int HttpPort { get; init; } = 8080;

    public string DataDir { get; init; } = Path.GetFullPath("data");

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>Extra folders the engine may read (read_blob, read_csv, …) besides the data folder.</summary>
    public IReadOnlyList<string> FilesDirs { get; init; } = [];

    /// <summary>user → password; these authenticate with SCRAM-SHA-256 on the Postgres port and Basic on HTTP.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    public bool RequireTlsForRemote { get; init; }

    public string? AdminToken { get; init; }

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int InferenceThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>DuckDB worker threads.</summary>
    public int EngineThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Rows per ONNX Runtime call (sub-batch of a DuckDB chunk).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Folder of the Fashion-MNIST idx files; loaded as clothing_train/clothing_test when present.</summary>
    public string FashionMnistDir { get; init; } = "/usr/share/datasets/fashion-mnist";

    /// <summary>Upload limit for model files.</summary>
    public long MaxUploadBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    public static readonly string Usage = """
        DeepSQL: trained networks as SQL functions, over the Postgres wire protocol and REST.

        Options (each also an environment variable):
          --pg-port N          Postgres wire port (DEEPSQL_PG_PORT, default 5433; 0 = any free port)
          --http-port N        HTTP port: REST, /admin, /health, /metrics (DEEPSQL_HTTP_PORT, default 8080)
          --data-dir DIR       models, database file, samples (DEEPSQL_DATA_DIR, default ./data)
          --bind ADDR          listen address (DEEPSQL_BIND, default 127.0.0.1)
          --files-dir DIR      an extra folder queries may read; repeatable (DEEPSQL_FILES_DIR, ':'-separated)
          --user NAME:PASS     a password user (SCRAM-SHA-256); repeatable (DEEPSQL_USERS, ','-separated)
          --tls-cert FILE      PEM certificate; enables TLS on the Postgres port (DEEPSQL_TLS_CERT)
          --tls-key FILE       PEM private key (DEEPSQL_TLS_KEY)
          --require-tls        refuse non-local clients without TLS (DEEPSQL_REQUIRE_TLS=1)
          --admin-token TOKEN  token for /admin and model changes (DEEPSQL_ADMIN_TOKEN; default: generated
                               at first start, stored in DATA_DIR/admin-token)
          --inference-threads N  ONNX Runtime intra-op threads (DEEPSQL_INFERENCE_THREADS, default: cores)
          --engine-threads N   DuckDB threads (DEEPSQL_ENGINE_THREADS, default: cores)
          --batch-size N       rows per ONNX Runtime call (DEEPSQL_BATCH_SIZE, default 32)
          --fashion-mnist DIR  Fashion-MNIST idx folder (DEEPSQL_FASHION_MNIST)
          --help
        """;

    /// <summary>Parses options; false with a message for a bad or unknown option.</summary>
    public static bool TryParse(string[] args, IDictionary environment, out ServiceOptions options, out string? error)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? Env(string name) => environment.Contains(name) ? environment[name]?.ToString() : null;
        void FromEnv(string key, string variable, char? separator = null)
        {
            var v = Env(variable);
            if (string.IsNullOrEmpty(v))
            {
                return;
            }

            values[key] = separator is { } s
                ? v.Split(s, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : [v];
        }

        FromEnv("pg-port", "DEEPSQL_PG_PORT");
        FromEnv("http-port", "DEEPSQL_HTTP_PORT");
        FromEnv("data-dir", "DEEPSQL_DATA_DIR");
        FromEnv("bind", "DEEPSQL_BIND");
        FromEnv("files-dir", "DEEPSQL_FILES_DIR", ':');
        FromEnv("user", "DEEPSQL_USERS", ',');
        FromEnv("tls-cert", "DEEPSQL_TLS_CERT");
        FromEnv("tls-key", "DEEPSQL_TLS_KEY");
        FromEnv("require-tls", "DEEPSQL_REQUIRE_TLS");
        FromEnv("admin-token", "DEEPSQL_ADMIN_TOKEN");
        FromEnv("inference-threads", "DEEPSQL_INFERENCE_THREADS");
        FromEnv("engine-threads", "DEEPSQL_ENGINE_THREADS");
        FromEnv("batch-size", "DEEPSQL_BATCH_SIZE");
        FromEnv("fashion-mnist", "DEEPSQL_FASHION_MNIST");

        var fromCommandLine = new HashSet<string>(StringComparer.Ordinal);
        string[] flags = ["require-tls", "help"];
        string[] known = ["pg-port", "http-port", "data-dir", "bind", "files-dir", "user", "tls-cert", "tls-key",
            "require-tls", "admin-token", "inference-threads", "engine-threads", "batch-size", "fashion-mnist", "help"];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options = new ServiceOptions();
                error = $"unexpected argument '{arg}'";
                return false;
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!known.Contains(name))
            {
                options = new ServiceOptions();
                error = $"unknown option '--{name}'";
                return false;
            }

            if (value is null)
            {
                if (flags.Contains(name))
                {
                    value = "1";
                }
                else if (i + 1 < args.Length)
                {
                    value = args[++i];
                }
                else
                {
                    options = new ServiceOptions();
                    error = $"option '--{name}' needs a value";
                    return false;
                }
            }

            // A repeatable option given on the command line replaces what the environment said.
            if (fromCommandLine.Add(name) || !values.ContainsKey(name))
            {
                values[name] = [];
            }

            values[name].Add(value);
        }

        options = new ServiceOptions();
        error = null;
        try
        {
            string? One(string key) => values.TryGetValue(key, out var v) ? v[^1] : null;
            int Int(string key, int fallback, int min, int max)
            {
                var s = One(key);
                if (s is null)
                {
                    return fallback;
                }

                if (!int.TryParse(s, out var n) || n < min || n > max)
                {
                    throw new FormatException($"--{key}: expected an integer from {min} to {max}, got '{s}'");
                }

                return n;
            }

            var users = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var u in values.GetValueOrDefault("user") ?? [])
            {
                var colon = u.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == u.Length - 1)
                {
                    throw new FormatException($"--user: expected NAME:PASSWORD, got '{u}'");
                }

                users[u[..colon]] = u[(colon + 1)..];
            }

            var bindText = One("bind");
            var bind = IPAddress.Loopback;
            if (bindText is not null && !IPAddress.TryParse(bindText == "localhost" ? "127.0.0.1" : bindText, out bind))
            {
                throw new FormatException($"--bind: not an IP address: '{bindText}'");
            }

            options = new ServiceOptions
            {
                PgPort = Int("pg-port", 5433, 0, 65535),
                HttpPort = Int("http-port", 8080, 0, 65535),
                DataDir = Path.GetFullPath(One("data-dir") ?? "data"),
                Bind = bind!,
                FilesDirs = (values.GetValueOrDefault("files-dir") ?? []).Select(Path.GetFullPath).ToArray(),
                Users = users,
                TlsCertificatePath = One("tls-cert"),
                TlsKeyPath = One("tls-key"),
                RequireTlsForRemote = One("require-tls") is "1" or "true" or "on" or "yes",
                AdminToken = One("admin-token"),
                InferenceThreads = Int("inference-threads", Environment.ProcessorCount, 1, 1024),
                EngineThreads = Int("engine-threads", Environment.ProcessorCount, 1, 1024),
                BatchSize = Int("batch-size", 32, 1, 2048),
                FashionMnistDir = One("fashion-mnist") ?? "/usr/share/datasets/fashion-mnist",
                ShowHelp = One("help") is not null,
            };

            if ((options.TlsCertificatePath is null) != (options.TlsKeyPath is null))
            {
                throw new FormatException("--tls-cert and --tls-key go together");
            }

            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    public bool ShowHelp { get; init; }
}

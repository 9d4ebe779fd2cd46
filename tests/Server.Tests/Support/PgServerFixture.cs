using DeepSql.Server.PgWire;
using DeepSql.Udf.Engines.DuckDb;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.Support;

/// <summary>The real PgServer on 127.0.0.1 (free port) over a real in-memory DuckDB engine.</summary>
public sealed class PgServerFixture : IAsyncLifetime
{
    public const string ScramUser = "scram_user";
    public const string ScramPassword = "s3cret-pässword";

    public DuckDbEngine Engine { get; private set; } = null!;

    public PgServer Server { get; private set; } = null!;

    public int Port => Server.Port;

    public async Task InitializeAsync()
    {
        Engine = new DuckDbEngine(new DuckDbEngineOptions { Threads = 2 });
        Engine.RegisterFunction(new NoisyFunction());
        Engine.RegisterFunction(new WaitForCancelFunction());
        Server = new PgServer(
            new PgServerOptions { Port = 0, Users = new Dictionary<string, string> { [ScramUser] = ScramPassword }, MaxMessageBytes = 1 << 20 },
            Engine, new TestInterceptor(), NullLogger<PgServer>.Instance);
        await Server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Engine.DisposeAsync();
    }

    public string ConnectionString(string user = "analyst", string? password = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = user,
            Password = password,
            Database = "deepsql",
            Pooling = false,
            Timeout = 10,
            CommandTimeout = 30,
        }.ConnectionString + ";Server Compatibility Mode=NoTypeLoading";

    public async Task<NpgsqlConnection> OpenAsync(string user = "analyst", string? password = null)
    {
        var connection = new NpgsqlConnection(ConnectionString(user, password));
        await connection.OpenAsync();
        return connection;
    }
}

[CollectionDefinition(Name)]
public sealed class PgServerCollection : ICollectionFixture<PgServerFixture>
{
    public const string Name = "pgserver";
}

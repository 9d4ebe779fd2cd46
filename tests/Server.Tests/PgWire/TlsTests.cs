using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeepSql.Server.PgWire;
using DeepSql.Udf.Engines.DuckDb;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

/// <summary>A server of its own with a self-signed PEM certificate made by the test.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deepsql-tls-").FullName;
    private DuckDbEngine _engine = null!;
    private PgServer _server = null!;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_folder, "server.crt");
        var keyPath = Path.Combine(_folder, "server.key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        _engine = new DuckDbEngine(new DuckDbEngineOptions { Threads = 1 });
        _server = new PgServer(new PgServerOptions
        {
            Port = 0,
            TlsCertificatePath = certPath,
            TlsKeyPath = keyPath,
            Users = new Dictionary<string, string> { ["tls_user"] = "pw" },
        }, _engine, null, NullLogger<PgServer>.Instance);
        await _server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _engine.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Npgsql_connects_over_tls_with_scram()
    {
        var connectionString = $"Host=127.0.0.1;Port={_server.Port};Username=tls_user;Password=pw;Database=deepsql;SSL Mode=Require;" +
            "Pooling=false;Server Compatibility Mode=NoTypeLoading";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 'over tls'", connection);
        Assert.Equal("over tls", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Psql_connects_with_sslmode_require()
    {
        var result = await Support.Psql.RunAsync(_server.Port, "SELECT 40 + 2", "tls_user", "pw", sslMode: "require");
        Assert.Equal("", result.Stderr);
        Assert.Equal("42", result.Stdout);
    }
}

using System.Net;

namespace DeepSql.Server.PgWire;

/// <summary>Settings of the Postgres wire protocol front end.</summary>
public sealed record PgServerOptions
{
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks any free port (see <see cref="PgServer.Port"/>).</summary>
    public int Port { get; init; } = 5433;

    /// <summary>User → password. These users log in with SCRAM-SHA-256.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Loopback clients whose user has no configured password are trusted.</summary>
    public bool TrustLocal { get; init; } = true;

    /// <summary>PEM certificate; with <see cref="TlsKeyPath"/> enables SSLRequest → 'S'.</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    public bool RequireTlsForRemote { get; init; }

    /// <summary>Largest frontend message accepted; a longer one is a protocol violation (08P01, connection closed).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    public string ServerVersion { get; init; } = "15.0";

    public string DatabaseName { get; init; } = "deepsql";
}

namespace DeepSql.Server.PgWire.Messages;

/// <summary>The first packet of a connection (no type byte).</summary>
internal abstract record PgStartupPacket;

internal sealed record StartupMessage(int ProtocolVersion, IReadOnlyDictionary<string, string> Parameters) : PgStartupPacket
{
    public int Major => ProtocolVersion >> 16;

    public int Minor => ProtocolVersion & 0xFFFF;
}

internal sealed record SslRequest : PgStartupPacket
{
    public static readonly SslRequest Instance = new();
}

internal sealed record GssEncRequest : PgStartupPacket
{
    public static readonly GssEncRequest Instance = new();
}

internal sealed record CancelRequest(int ProcessId, int SecretKey) : PgStartupPacket;

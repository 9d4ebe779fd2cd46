namespace DeepSql.Server.PgWire.Messages;

/// <summary>A message from the client, parsed.</summary>
internal abstract record PgFrontendMessage;

internal sealed record QueryMessage(string Sql) : PgFrontendMessage;

internal sealed record ParseMessage(string Name, string Sql, int[] ParameterOids) : PgFrontendMessage;

/// <param name="Values">Parameter values; null = SQL NULL.</param>
internal sealed record BindMessage(string Portal, string Statement, short[] ParameterFormats, byte[]?[] Values,
    short[] ResultFormats) : PgFrontendMessage;

/// <param name="Kind">'S' statement or 'P' portal.</param>
internal sealed record DescribeMessage(byte Kind, string Name) : PgFrontendMessage;

internal sealed record ExecuteMessage(string Portal, int MaxRows) : PgFrontendMessage;

internal sealed record CloseMessage(byte Kind, string Name) : PgFrontendMessage;

internal sealed record SyncMessage : PgFrontendMessage
{
    public static readonly SyncMessage Instance = new();
}

internal sealed record FlushMessage : PgFrontendMessage
{
    public static readonly FlushMessage Instance = new();
}

internal sealed record TerminateMessage : PgFrontendMessage
{
    public static readonly TerminateMessage Instance = new();
}

/// <summary>'p': PasswordMessage, SASLInitialResponse or SASLResponse — which one depends on the auth step.</summary>
internal sealed record PasswordMessage(byte[] Data) : PgFrontendMessage;

/// <summary>A message type DeepSQL does not implement (COPY data, FunctionCall).</summary>
internal sealed record UnsupportedMessage(byte Type) : PgFrontendMessage;

namespace DeepSql.Server.PgWire.Types;

/// <summary>Session settings that change how values print.</summary>
public sealed record PgFormatSettings(TimeZoneInfo TimeZone, int ExtraFloatDigits = 1)
{
    public static readonly PgFormatSettings Default = new(TimeZoneInfo.Utc);
}

namespace DeepSql.Server.PgWire;

/// <summary>SQLSTATE codes the wire layer sends, grouped by class.</summary>
public static class PgSqlState
{
    // 01 warning
    public const string Warning = "01000";

    // 08 connection exception
    public const string ProtocolViolation = "08P01";

    // 0A feature not supported
    public const string FeatureNotSupported = "0A000";

    // 22 data exception
    public const string InvalidParameterValue = "22023";
    public const string InvalidTextRepresentation = "22P02";
    public const string InvalidBinaryRepresentation = "22P03";

    // 25 invalid transaction state
    public const string ActiveSqlTransaction = "25001";
    public const string NoActiveSqlTransaction = "25P01";
    public const string InFailedSqlTransaction = "25P02";

    // 26 invalid SQL statement name
    public const string InvalidSqlStatementName = "26000";

    // 28 invalid authorization specification
    public const string InvalidAuthorizationSpecification = "28000";
    public const string InvalidPassword = "28P01";

    // 34 invalid cursor name
    public const string InvalidCursorName = "34000";

    // 42 syntax error or access rule violation
    public const string SyntaxError = "42601";
    public const string UndefinedObject = "42704";
    public const string DuplicatePreparedStatement = "42P05";
    public const string DuplicateCursor = "42P03";

    // 53 insufficient resources
    public const string TooManyConnections = "53300";

    // 55 object not in prerequisite state
    public const string ObjectNotInPrerequisiteState = "55000";
    public const string CantChangeRuntimeParam = "55P02";

    // 57 operator intervention
    public const string QueryCanceled = "57014";
    public const string AdminShutdown = "57P01";

    // XX internal error
    public const string InternalError = "XX000";
}

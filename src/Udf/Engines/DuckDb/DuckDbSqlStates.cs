namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>The SQLSTATEs the DuckDB engine reports, grouped by class.</summary>
public static class DuckDbSqlStates
{
    // class 0A: feature not supported
    public const string FeatureNotSupported = "0A000";

    // class 22: data exception
    public const string DataException = "22000";
    public const string NumericValueOutOfRange = "22003";
    public const string DivisionByZero = "22012";
    public const string InvalidParameterValue = "22023";
    public const string InvalidTextRepresentation = "22P02";

    // class 23: integrity constraint violation
    public const string IntegrityConstraintViolation = "23000";
    public const string NotNullViolation = "23502";
    public const string ForeignKeyViolation = "23503";
    public const string UniqueViolation = "23505";
    public const string CheckViolation = "23514";

    // class 25 / 2B / 40: transactions and dependencies
    public const string InvalidTransactionState = "25000";
    public const string InFailedSqlTransaction = "25P02";
    public const string DependentObjectsStillExist = "2BP01";
    public const string SerializationFailure = "40001";

    // class 42: syntax error or access rule violation
    public const string SyntaxErrorOrAccessRuleViolation = "42000";
    public const string InsufficientPrivilege = "42501";
    public const string SyntaxError = "42601";
    public const string UndefinedColumn = "42703";
    public const string DatatypeMismatch = "42804";
    public const string UndefinedFunction = "42883";
    public const string UndefinedTable = "42P01";
    public const string UndefinedParameter = "42P02";
    public const string DuplicateTable = "42P07";
    public const string DuplicateObject = "42710";
    public const string InvalidSchemaName = "3F000";

    // class 53 / 57 / 58 / XX: resources, operator intervention, system, internal
    public const string OutOfMemory = "53200";
    public const string QueryCanceled = "57014";
    public const string IoError = "58030";
    public const string InternalError = "XX000";
}

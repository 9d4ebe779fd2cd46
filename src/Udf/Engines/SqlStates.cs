namespace DeepSql.Udf.Engines;

/// <summary>
/// Every SQLSTATE the service reports (engine, inference, training, wire protocol, HTTP), grouped by class as in
/// PostgreSQL's appendix A. Clients branch on these codes: never change the value of a constant.
/// </summary>
public static class SqlStates
{
    // Class 00 — successful completion

    /// <summary>successful_completion: the code of a plain notice.</summary>
    public const string SuccessfulCompletion = "00000";

    // Class 01 — warning

    /// <summary>warning: a notice that something was ignored or adjusted (e.g. BEGIN inside a transaction).</summary>
    public const string Warning = "01000";

    // Class 08 — connection exception

    /// <summary>protocol_violation: malformed or out-of-order wire messages; the connection is closed.</summary>
    public const string ProtocolViolation = "08P01";

    // Class 0A — feature not supported

    /// <summary>feature_not_supported: valid SQL the service or engine does not implement.</summary>
    public const string FeatureNotSupported = "0A000";

    // Class 22 — data exception

    /// <summary>data_exception: a value the engine cannot process, no finer code known.</summary>
    public const string DataException = "22000";

    /// <summary>numeric_value_out_of_range.</summary>
    public const string NumericValueOutOfRange = "22003";

    /// <summary>division_by_zero.</summary>
    public const string DivisionByZero = "22012";

    /// <summary>invalid_parameter_value: a bad argument, option or parameter value (e.g. k ≤ 0, unknown WITH option).</summary>
    public const string InvalidParameterValue = "22023";

    /// <summary>invalid_text_representation: text that does not parse as its type, or bytes that are not a decodable image (strict mode).</summary>
    public const string InvalidTextRepresentation = "22P02";

    /// <summary>invalid_binary_representation: a binary parameter of the wrong length or layout.</summary>
    public const string InvalidBinaryRepresentation = "22P03";

    // Class 23 — integrity constraint violation

    /// <summary>integrity_constraint_violation, no finer code known.</summary>
    public const string IntegrityConstraintViolation = "23000";

    /// <summary>not_null_violation.</summary>
    public const string NotNullViolation = "23502";

    /// <summary>foreign_key_violation.</summary>
    public const string ForeignKeyViolation = "23503";

    /// <summary>unique_violation.</summary>
    public const string UniqueViolation = "23505";

    /// <summary>check_violation.</summary>
    public const string CheckViolation = "23514";

    // Class 25 — invalid transaction state

    /// <summary>invalid_transaction_state, no finer code known.</summary>
    public const string InvalidTransactionState = "25000";

    /// <summary>active_sql_transaction: a statement that cannot run inside a transaction block.</summary>
    public const string ActiveSqlTransaction = "25001";

    /// <summary>no_active_sql_transaction: COMMIT/ROLLBACK-only statements outside a transaction block.</summary>
    public const string NoActiveSqlTransaction = "25P01";

    /// <summary>in_failed_sql_transaction: commands ignored until the end of a failed transaction block.</summary>
    public const string InFailedSqlTransaction = "25P02";

    // Class 26 — invalid SQL statement name

    /// <summary>invalid_sql_statement_name: an unknown prepared statement or portal.</summary>
    public const string InvalidSqlStatementName = "26000";

    // Class 28 — invalid authorization specification

    /// <summary>invalid_authorization_specification: no or unknown user, or a required sign-in is missing.</summary>
    public const string InvalidAuthorizationSpecification = "28000";

    /// <summary>invalid_password: password or SCRAM proof rejected.</summary>
    public const string InvalidPassword = "28P01";

    // Class 2B — dependent privilege descriptors still exist

    /// <summary>dependent_objects_still_exist: DROP of an object others depend on.</summary>
    public const string DependentObjectsStillExist = "2BP01";

    // Class 34 — invalid cursor name

    /// <summary>invalid_cursor_name: FETCH/CLOSE of an unknown cursor.</summary>
    public const string InvalidCursorName = "34000";

    // Class 3D — invalid catalog name

    /// <summary>invalid_catalog_name: an unknown database.</summary>
    public const string InvalidCatalogName = "3D000";

    // Class 3F — invalid schema name

    /// <summary>invalid_schema_name: an unknown schema.</summary>
    public const string InvalidSchemaName = "3F000";

    // Class 40 — transaction rollback

    /// <summary>serialization_failure: a write-write conflict between transactions.</summary>
    public const string SerializationFailure = "40001";

    // Class 42 — syntax error or access rule violation

    /// <summary>syntax_error_or_access_rule_violation, no finer code known.</summary>
    public const string SyntaxErrorOrAccessRuleViolation = "42000";

    /// <summary>insufficient_privilege: refused statements (ATTACH, COPY TO, extensions) and files outside allowed folders.</summary>
    public const string InsufficientPrivilege = "42501";

    /// <summary>syntax_error: SQL that does not parse, or several statements where one is allowed.</summary>
    public const string SyntaxError = "42601";

    /// <summary>invalid_name: a name that is not a valid SQL identifier (e.g. a model name).</summary>
    public const string InvalidName = "42602";

    /// <summary>undefined_column.</summary>
    public const string UndefinedColumn = "42703";

    /// <summary>undefined_object: an unknown setting, model or other named object.</summary>
    public const string UndefinedObject = "42704";

    /// <summary>duplicate_object: an object of that name exists already.</summary>
    public const string DuplicateObject = "42710";

    /// <summary>datatype_mismatch: an argument or column of the wrong type.</summary>
    public const string DatatypeMismatch = "42804";

    /// <summary>undefined_function: no such function, or the model behind a function is gone.</summary>
    public const string UndefinedFunction = "42883";

    /// <summary>reserved_name: a name the service keeps for itself.</summary>
    public const string ReservedName = "42939";

    /// <summary>undefined_table.</summary>
    public const string UndefinedTable = "42P01";

    /// <summary>undefined_parameter: a $n placeholder without a value.</summary>
    public const string UndefinedParameter = "42P02";

    /// <summary>duplicate_cursor: a cursor or portal of that name exists already.</summary>
    public const string DuplicateCursor = "42P03";

    /// <summary>duplicate_prepared_statement: a prepared statement of that name exists already.</summary>
    public const string DuplicatePreparedStatement = "42P05";

    /// <summary>duplicate_table.</summary>
    public const string DuplicateTable = "42P07";

    // Class 53 — insufficient resources

    /// <summary>out_of_memory.</summary>
    public const string OutOfMemory = "53200";

    /// <summary>too_many_connections: the connection limit is reached.</summary>
    public const string TooManyConnections = "53300";

    // Class 54 — program limit exceeded

    /// <summary>program_limit_exceeded: e.g. an open result too large to hold in memory beside a later statement.</summary>
    public const string ProgramLimitExceeded = "54000";

    // Class 55 — object not in prerequisite state

    /// <summary>object_not_in_prerequisite_state: e.g. a portal closed by a later statement.</summary>
    public const string ObjectNotInPrerequisiteState = "55000";

    /// <summary>cant_change_runtime_param: a setting that cannot be changed in a session.</summary>
    public const string CantChangeRuntimeParam = "55P02";

    // Class 57 — operator intervention

    /// <summary>query_canceled: cancelled by the user or by statement_timeout.</summary>
    public const string QueryCanceled = "57014";

    /// <summary>admin_shutdown: the service is stopping.</summary>
    public const string AdminShutdown = "57P01";

    // Class 58 — system error

    /// <summary>io_error: a file could not be read.</summary>
    public const string IoError = "58030";

    // Class XX — internal error

    /// <summary>internal_error: anything unexpected; it is logged.</summary>
    public const string InternalError = "XX000";
}

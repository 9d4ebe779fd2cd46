namespace DeepSql.Udf.Training;

/// <summary>SQLSTATEs the model statements raise, grouped by class (PostgreSQL appendix A).</summary>
public static class ModelSqlStates
{
    /// <summary>Key in <see cref="Exception.Data"/> holding the 1-based character position of a syntax error (int).</summary>
    public const string PositionKey = "Position";

    // Class 22 — data exception
    public const string InvalidParameterValue = "22023";

    // Class 42 — syntax error or access rule violation
    public const string SyntaxError = "42601";
    public const string InvalidName = "42602";
    public const string UndefinedColumn = "42703";
    public const string UndefinedFunction = "42883";
    public const string UndefinedObject = "42704";
    public const string DuplicateObject = "42710";
    public const string ReservedName = "42939";

    // Class 57 — operator intervention
    public const string QueryCanceled = "57014";

    // Class XX — internal error
    public const string InternalError = "XX000";
}

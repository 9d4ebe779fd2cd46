namespace DeepSql.Udf.Onnx;

/// <summary>The SQLSTATEs inference raises, grouped by class.</summary>
public static class SqlStates
{
    // Class 22 — data exception
    /// <summary>invalid_text_representation: a value that is not a decodable image (strict mode).</summary>
    public const string InvalidTextRepresentation = "22P02";

    // Class 57 — operator intervention
    /// <summary>query_canceled.</summary>
    public const string QueryCanceled = "57014";

    // Class 42 — syntax error or access rule violation
    /// <summary>undefined_function: the model behind a function is gone.</summary>
    public const string UndefinedFunction = "42883";

    // Class XX — internal error
    /// <summary>internal_error: inference failed unexpectedly.</summary>
    public const string InternalError = "XX000";
}

using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using S = DeepSql.Udf.Engines.SqlStates;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>Turns DuckDB errors into <see cref="EngineException"/>s with a SQLSTATE.</summary>
public static partial class DuckDbErrors
{
    /// <summary>Prefix a model function puts in its error text so the SQLSTATE survives DuckDB: "[SQLSTATE 22P02] …".</summary>
    public static string Tag(string sqlState, string message) => $"[SQLSTATE {sqlState}] {message}";

    /// <summary>Maps an exception from DuckDB.NET (or anything else) to an <see cref="EngineException"/>.</summary>
    public static EngineException FromException(Exception exception) => exception switch
    {
        EngineException engine => engine,
        DuckDBException duck => FromMessage(duck.Message, duck.ErrorType, duck),
        OperationCanceledException => new EngineException(S.QueryCanceled, "canceling statement due to user request", exception),
        _ => new EngineException(S.InternalError, exception.Message, exception),
    };

    /// <summary>Maps a DuckDB error text (as from duckdb_prepare_error) and an optional error type.</summary>
    public static EngineException FromMessage(string rawMessage, DuckDBErrorType errorType = DuckDBErrorType.Invalid, Exception? inner = null)
    {
        var (prefix, message) = SplitPrefix(rawMessage);
        var tagged = SqlStateTag().Match(message);
        if (tagged.Success)
        {
            return new EngineException(tagged.Groups[1].Value, message.Remove(tagged.Index, tagged.Length).Trim(), inner);
        }

        if (errorType == DuckDBErrorType.Invalid && prefix is not null)
        {
            errorType = TypeFromPrefix(prefix);
        }

        // Classify by the first line: DuckDB's "Did you mean …" hints name other objects.
        var firstLine = message.Split('\n', 2)[0];
        return new EngineException(Classify(errorType, firstLine), message, inner);
    }

    private static string Classify(DuckDBErrorType type, string message)
    {
        bool Has(string s) => message.Contains(s, StringComparison.OrdinalIgnoreCase);

        if (Has("configuration has been locked") || Has("lock_configuration") || Has("disabled by configuration")
            || Has("disabled through configuration"))
        {
            return S.InsufficientPrivilege;
        }

        if (Has("transaction is aborted"))
        {
            return S.InFailedSqlTransaction;
        }

        switch (type)
        {
            case DuckDBErrorType.Parser:
            case DuckDBErrorType.Syntax:
                return S.SyntaxError;
            case DuckDBErrorType.Catalog:
                if (Has("already exists"))
                {
                    return Has("Table with name") || Has("View with name") || Has("Sequence with name") || Has("Index with name")
                        ? S.DuplicateTable
                        : S.DuplicateObject;
                }

                if (Has("Function with name") || Has("Macro Function") || Has("function"))
                {
                    return S.UndefinedFunction;
                }

                if (Has("Schema with name"))
                {
                    return S.InvalidSchemaName;
                }

                if (Has("does not exist") || Has("not found"))
                {
                    return S.UndefinedTable;
                }

                return S.SyntaxErrorOrAccessRuleViolation;
            case DuckDBErrorType.Binder:
                if (Has("Referenced column") || Has("column") && Has("not found") || Has("does not have a column"))
                {
                    return S.UndefinedColumn;
                }

                if (Has("No function matches") || Has("function") && Has("does not exist"))
                {
                    return S.UndefinedFunction;
                }

                if (Has("Referenced table") && Has("not found"))
                {
                    return S.UndefinedTable;
                }

                return Has("Cannot mix") || Has("type") ? S.DatatypeMismatch : S.SyntaxErrorOrAccessRuleViolation;
            case DuckDBErrorType.Conversion:
            case DuckDBErrorType.InvalidInput:
                return Has("out of range") ? S.NumericValueOutOfRange : S.InvalidTextRepresentation;
            case DuckDBErrorType.OutOfRange:
            case DuckDBErrorType.Decimal:
                return S.NumericValueOutOfRange;
            case DuckDBErrorType.DivideByZero:
                return S.DivisionByZero;
            case DuckDBErrorType.Constraint:
                if (Has("NOT NULL"))
                {
                    return S.NotNullViolation;
                }

                if (Has("foreign key"))
                {
                    return S.ForeignKeyViolation;
                }

                if (Has("CHECK"))
                {
                    return S.CheckViolation;
                }

                return Has("Duplicate key") || Has("unique") || Has("primary key") ? S.UniqueViolation : S.IntegrityConstraintViolation;
            case DuckDBErrorType.Permission:
                return S.InsufficientPrivilege;
            case DuckDBErrorType.Interrupt:
                return S.QueryCanceled;
            case DuckDBErrorType.Transaction:
                return Has("conflict") ? S.SerializationFailure : S.InvalidTransactionState;
            case DuckDBErrorType.NotImplemented:
                return S.FeatureNotSupported;
            case DuckDBErrorType.OutOfMemory:
                return S.OutOfMemory;
            case DuckDBErrorType.Io:
                return S.IoError;
            case DuckDBErrorType.Dependency:
                return S.DependentObjectsStillExist;
            case DuckDBErrorType.ParameterNotResolved:
            case DuckDBErrorType.ParameterNotAllowed:
                return S.UndefinedParameter;
            case DuckDBErrorType.MismatchType:
            case DuckDBErrorType.InvalidType:
                return S.DatatypeMismatch;
            case DuckDBErrorType.Settings:
                return S.InvalidParameterValue;
            default:
                if (Has("Interrupted"))
                {
                    return S.QueryCanceled;
                }

                return S.InternalError;
        }
    }

    // "Parser Error: syntax error at …" → ("Parser", "syntax error at …")
    // Also drops the "LINE 1: … ^" excerpt: a client shows the statement itself.
    private static (string? Prefix, string Message) SplitPrefix(string raw)
    {
        var match = ErrorPrefix().Match(raw);
        var message = match.Success ? raw[match.Length..] : raw;
        int line = message.IndexOf("\nLINE ", StringComparison.Ordinal);
        if (line >= 0)
        {
            message = message[..line];
        }

        return (match.Success ? match.Groups[1].Value : null, message.Trim());
    }

    private static DuckDBErrorType TypeFromPrefix(string prefix) => prefix.ToUpperInvariant() switch
    {
        "PARSER" => DuckDBErrorType.Parser,
        "SYNTAX" => DuckDBErrorType.Syntax,
        "CATALOG" => DuckDBErrorType.Catalog,
        "BINDER" => DuckDBErrorType.Binder,
        "CONVERSION" => DuckDBErrorType.Conversion,
        "INVALID INPUT" => DuckDBErrorType.InvalidInput,
        "OUT OF RANGE" => DuckDBErrorType.OutOfRange,
        "DIVIDE BY ZERO" => DuckDBErrorType.DivideByZero,
        "CONSTRAINT" => DuckDBErrorType.Constraint,
        "PERMISSION" => DuckDBErrorType.Permission,
        "INTERRUPT" => DuckDBErrorType.Interrupt,
        "TRANSACTION" => DuckDBErrorType.Transaction,
        "NOT IMPLEMENTED" => DuckDBErrorType.NotImplemented,
        "OUT OF MEMORY" => DuckDBErrorType.OutOfMemory,
        "IO" => DuckDBErrorType.Io,
        "DEPENDENCY" => DuckDBErrorType.Dependency,
        "SETTINGS" => DuckDBErrorType.Settings,
        "MISMATCH TYPE" => DuckDBErrorType.MismatchType,
        "INVALID TYPE" => DuckDBErrorType.InvalidType,
        _ => DuckDBErrorType.Invalid,
    };

    [GeneratedRegex(@"^\s*([A-Za-z ]+?) Error: ")]
    private static partial Regex ErrorPrefix();

    [GeneratedRegex(@"\[SQLSTATE ([0-9A-Z]{5})\]\s*")]
    private static partial Regex SqlStateTag();
}

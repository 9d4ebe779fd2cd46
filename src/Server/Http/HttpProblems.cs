using DeepSql.Registry;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http;

/// <summary>Maps engine errors and validation problems to ProblemDetails (RFC 9457) with a "sqlstate" extension.</summary>
public static class HttpProblems
{
    /// <summary>The HTTP status for a SQLSTATE: the client's fault (4xx) or ours (5xx), by class.</summary>
    public static int StatusFor(string sqlState)
    {
        if (sqlState.Length != 5)
        {
            return StatusCodes.Status500InternalServerError;
        }

        if (sqlState == SqlStates.QueryCanceled)
        {
            // canceling statement due to statement timeout (or a client cancel): the request ran out of time
            return StatusCodes.Status408RequestTimeout;
        }

        if (sqlState == SqlStates.InsufficientPrivilege)
        {
            return StatusCodes.Status403Forbidden;
        }

        return sqlState[..2] switch
        {
            "0A" or "21" or "22" or "23" or "25" or "26" or "2B" or "34" or "3F" or "42" or "44" => StatusCodes.Status400BadRequest,
            "28" => StatusCodes.Status401Unauthorized,
            "53" or "57" => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
    }

    /// <summary>A ProblemDetails result for an engine error.</summary>
    public static IResult FromEngine(EngineException e)
    {
        var status = StatusFor(e.SqlState);
        return Results.Problem(
            detail: e.Message,
            statusCode: status,
            title: TitleFor(status),
            extensions: new Dictionary<string, object?> { ["sqlstate"] = e.SqlState });
    }

    /// <summary>A 400 ProblemDetails with <c>errors</c> keyed by manifest field ("input.width" → messages) and their codes.</summary>
    public static IResult FromValidation(IReadOnlyList<ValidationProblem> problems, string title = "The model was not registered")
    {
        var errors = problems
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        var codes = problems
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Code).ToArray(), StringComparer.Ordinal);
        return Results.ValidationProblem(errors, title: title,
            extensions: new Dictionary<string, object?> { ["codes"] = codes });
    }

    /// <summary>A ProblemDetails result with an explicit status.</summary>
    public static IResult Status(int status, string detail, string? sqlState = null)
    {
        var extensions = sqlState is null ? null : new Dictionary<string, object?> { ["sqlstate"] = sqlState };
        return Results.Problem(detail: detail, statusCode: status, title: TitleFor(status), extensions: extensions);
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        408 => "Query timed out",
        409 => "Conflict",
        413 => "Upload too large",
        501 => "Not available",
        503 => "Service unavailable",
        _ => "Internal error",
    };
}

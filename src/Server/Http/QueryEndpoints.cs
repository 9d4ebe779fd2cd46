using System.Diagnostics;
using DeepSql.Server.Http.Formats;
using DeepSql.Server.Observability;
using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;
using Microsoft.AspNetCore.Mvc;

namespace DeepSql.Server.Http;

/// <summary>POST /api/query: one statement, its result streamed in the format the Accept header asks for.</summary>
internal static class QueryEndpoints
{
    private static int _nextSessionId = 1 << 24;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/query", RunAsync)
            .RequireQueryUser()
            .WithTags("Query")
            .WithName("Query")
            .WithSummary("Run one SQL statement; rows stream as JSON, NDJSON, CSV or Arrow by Accept")
            .Accepts<QueryRequest>("application/json")
            .Produces(200, contentType: JsonResultWriter.MediaType)
            .Produces(200, contentType: NdjsonResultWriter.MediaType)
            .Produces(200, contentType: CsvResultWriter.MediaType)
            .Produces(200, contentType: ArrowResultWriter.MediaType)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(406).ProducesProblem(408).ProducesProblem(500)
            .WithRequestExample("""
                {"sql": "SELECT filename, predict_label(content) AS label FROM read_blob('photos/*.jpg') WHERE size > $1",
                 "parameters": [1024], "limit": 100, "timeoutMs": 30000}
                """)
            .WithResponseExample(200, """
                {"columns": [{"name": "filename", "type": "VARCHAR"}, {"name": "label", "type": "VARCHAR"}],
                 "rows": [["photos/cat.jpg", "cat"], ["photos/dog.jpg", "dog"]],
                 "rowCount": 2, "truncated": false, "statement": "SELECT"}
                """)
            .WithResponseExample(400, """
                {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Bad request", "status": 400,
                 "detail": "Catalog Error: Table with name photos does not exist!", "sqlstate": "42P01"}
                """, "application/problem+json");
    }

    /// <summary>A session id for an HTTP request's engine session, apart from the Postgres port's process ids.</summary>
    internal static int NextSessionId() => Interlocked.Increment(ref _nextSessionId);

    private static async Task<IResult> RunAsync(HttpContext context, QueryRequest request, IQueryEngine engine,
        HttpApiOptions options, QueryMetrics metrics, ILogger<HttpLog> log, [FromServices] IStatementInterceptor? interceptor = null)
    {
        var mediaType = ResultWriter.Negotiate(context.Request.Headers.Accept.ToString());
        if (mediaType is null)
        {
            return HttpProblems.Status(406, "Accept one of: " + string.Join(", ", ResultWriter.MediaTypes));
        }

        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            return HttpProblems.Status(400, "sql: a statement is required", SqlStates.SyntaxError);
        }

        if (request.Limit is < 0 || request.TimeoutMs is < 0)
        {
            return HttpProblems.Status(400, "limit and timeoutMs must not be negative");
        }

        if (!request.TryGetParameters(out var parameters, out var parameterError))
        {
            return HttpProblems.Status(400, parameterError!, SqlStates.InvalidParameterValue);
        }

        var started = Stopwatch.GetTimestamp();
        var timeoutMs = request.TimeoutMs ?? options.DefaultTimeoutMs;
        using var timeout = new CancellationTokenSource();
        if (timeoutMs > 0)
        {
            timeout.CancelAfter(timeoutMs);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
        var ct = linked.Token;
        var user = HttpAuthFilters.UserOf(context);
        var outcome = "error";
        metrics.SessionOpened(QueryMetrics.HttpPort);
        IEngineSession? session = null;
        IQueryResult? result = null;
        ResultWriter? writer = null;
        long rowsSent = 0;
        try
        {
            session = engine.OpenSession(new SessionContext { SessionId = NextSessionId(), User = user });
            var engineSession = session;
            result = await Task.Run(() => interceptor?.TryExecute(request.Sql, engineSession, ct)
                ?? engineSession.Execute(request.Sql, parameters, ct), ct);
            var streamed = result;

            // the first batch is read before any byte is sent, so planning and early errors still get a ProblemDetails
            var limit = request.Limit ?? long.MaxValue;
            var batch = await ReadAsync(streamed, (int)Math.Min(options.BatchRows, limit), ct);
            writer = ResultWriter.Create(mediaType, context.Response.Body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = writer.ContentType;
            await writer.WriteHeaderAsync(streamed.Columns, ct);
            var truncated = false;
            while (batch is not null)
            {
                metrics.RecordResultBatch(QueryMetrics.HttpPort, batch.Rows.Count);
                await writer.WriteBatchAsync(batch.Rows, ct);
                rowsSent += batch.Rows.Count;
                if (rowsSent >= limit)
                {
                    truncated = await ReadAsync(streamed, 1, ct) is { Rows.Count: > 0 };
                    break;
                }

                batch = await ReadAsync(streamed, (int)Math.Min(options.BatchRows, limit - rowsSent), ct);
            }

            await writer.WriteEndAsync(new ResultTrailer(rowsSent, truncated, streamed.StatementKind, streamed.RowsAffected,
                session.Context.DrainNotices()), ct);
            outcome = "ok";
            return Results.Empty;
        }
        catch (EngineException e)
        {
            outcome = e.SqlState == SqlStates.QueryCanceled ? "cancelled" : "error";
            HttpLog.QueryFailed(log, e.SqlState, e.Message);
            return await FailAsync(context, writer, e);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            outcome = "cancelled";
            return await FailAsync(context, writer,
                new EngineException(SqlStates.QueryCanceled, $"canceling statement due to statement timeout ({timeoutMs} ms)"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            outcome = "cancelled";
            return Results.Empty;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HttpLog.QueryCrashed(log, e);
            return await FailAsync(context, writer, new EngineException(SqlStates.InternalError, "internal error: " + e.Message, e));
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }

            result?.Dispose();
            session?.Dispose();
            metrics.SessionClosed(QueryMetrics.HttpPort);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.RecordQuery(QueryMetrics.HttpPort, outcome, elapsed.TotalSeconds);
            HttpLog.QueryFinished(log, outcome, user, rowsSent, elapsed.TotalMilliseconds, mediaType);
        }
    }

    private static async Task<RowBatch?> ReadAsync(IQueryResult result, int maxRows, CancellationToken ct) =>
        maxRows <= 0 ? null : await Task.Run(() => result.TryReadBatch(maxRows, out var batch) ? batch : null, ct);

    private static async Task<IResult> FailAsync(HttpContext context, ResultWriter? writer, EngineException error)
    {
        if (!context.Response.HasStarted)
        {
            return HttpProblems.FromEngine(error);
        }

        // 200 and some rows are already out: say so in the format if it can carry it, else break the stream
        var told = false;
        if (writer is not null)
        {
            try
            {
                told = await writer.WriteErrorAsync(error.SqlState, error.Message, CancellationToken.None);
            }
            catch (IOException)
            {
                told = false;
            }
        }

        if (!told)
        {
            context.Abort();
        }

        return Results.Empty;
    }
}

using DeepSql.Server.Admin;
using DeepSql.Server.Observability;
using DeepSql.Registry;
using DeepSql.Udf;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace DeepSql.Server.Http;

/// <summary>
/// The HTTP side in two calls for the composition root: <see cref="AddDeepSqlHttp"/> registers its services (next to
/// ModelStore, ModelRuntime, IQueryEngine, IStatementInterceptor and ServiceHealth, which the root registers), and
/// <see cref="MapDeepSqlHttp"/> maps /api, /health, /metrics, /admin, /openapi/v1.json and /scalar.
/// </summary>
public static class HttpApi
{
    /// <summary>Registers options, auth, metrics, training jobs, ProblemDetails and the OpenAPI document.</summary>
    public static IServiceCollection AddDeepSqlHttp(this IServiceCollection services, HttpApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<HttpAuth>();
        services.TryAddSingleton<QueryMetrics>();
        services.TryAddSingleton<ServiceHealth>();
        services.AddSingleton<TrainingJobs>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.WriteIndented = false);
        services.AddOpenApi(openApi => OpenApiSetup.Configure(openApi));
        return services;
    }

    /// <summary>Maps every endpoint.</summary>
    public static WebApplication MapDeepSqlHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStatusCodePages();
        var health = app.Services.GetRequiredService<ServiceHealth>();
        app.Lifetime.ApplicationStarted.Register(() => health.HttpListening = true);
        app.Lifetime.ApplicationStopping.Register(() => health.HttpListening = false);

        app.MapGet("/health", (ServiceHealth health) => health.IsHealthy
                ? Results.Ok(new HealthResponse("ok", health.ModelsLoaded, health.PgListening, health.HttpListening))
                : Results.Json(new HealthResponse("unavailable", health.ModelsLoaded, health.PgListening, health.HttpListening),
                    statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Service").WithName("Health")
            .WithSummary("200 {\"status\":\"ok\"} when models are loaded and both ports listen, else 503")
            .Produces<HealthResponse>(200).Produces<HealthResponse>(503)
            .WithResponseExample(200, """{"status": "ok", "modelsLoaded": true, "pgListening": true, "httpListening": true}""");

        app.MapGet("/metrics", (QueryMetrics metrics, ModelStore store, IServiceProvider sp) =>
            {
                var runtime = sp.GetService<ModelRuntime>();
                var stats = runtime is null ? [] : store.List().Select(e => runtime.GetStats(e.Name)).OfType<ModelStats>().ToArray();
                return Results.Text(metrics.Render(stats), PrometheusText.ContentType);
            })
            .WithTags("Service").WithName("Metrics").WithSummary("Prometheus text format")
            .Produces(200, contentType: "text/plain");

        ModelEndpoints.Map(app);
        QueryEndpoints.Map(app);
        PredictEndpoints.Map(app);
        TrainingEndpoints.Map(app);
        AdminEndpoints.Map(app);

        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("DeepSQL API"));
        return app;
    }
}

/// <summary>Body of GET /health.</summary>
public sealed record HealthResponse(string Status, bool ModelsLoaded, bool PgListening, bool HttpListening);

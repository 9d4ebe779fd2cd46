namespace DeepSql.Server.Http;

/// <summary>POST /api/models/train and /api/jobs/{id}: training in the background.</summary>
internal static class TrainingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/models/train", (TrainJobRequest request, TrainingJobs jobs, HttpContext context) =>
            {
                if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Query))
                {
                    return HttpProblems.FromValidation(
                        [.. Missing(request.Name, "name"), .. Missing(request.Query, "query")], "The training request is incomplete");
                }

                var job = jobs.Start(request, HttpAuthFilters.UserOf(context));
                return job is null
                    ? HttpProblems.Status(501, "training is not available in this service")
                    : Results.Accepted($"/api/jobs/{job.Id}", job);
            })
            .RequireAdminToken()
            .WithTags("Training").WithName("TrainModel")
            .WithSummary("Start training a classifier head on a backbone's features from a SQL query of (image, label) rows")
            .Produces<TrainJobView>(202).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(501)
            .WithRequestExample("""
                {"name": "predict_label", "query": "SELECT content AS image, label FROM read_blob('train/*/*.jpg') JOIN labels USING (filename)",
                 "backbone": "featurize", "epochs": 30, "l2": 0.0001, "validation": 0.1, "seed": 42, "replace": false}
                """)
            .WithResponseExample(202, """
                {"id": "3f9a1c2b7d4e", "name": "predict_label", "status": "Running", "startedAt": "2026-12-01T08:00:00+00:00",
                 "endedAt": null, "progress": ["featurizing 1200 rows with featurize"], "report": null, "error": null}
                """);

        var jobsGroup = app.MapGroup("/api/jobs").WithTags("Training").RequireAdminToken();
        jobsGroup.MapGet("/", (TrainingJobs jobs) => Results.Ok(jobs.List()))
            .WithName("ListJobs").WithSummary("Training jobs, newest first").Produces<TrainJobView[]>();
        jobsGroup.MapGet("/{id}", (string id, TrainingJobs jobs) =>
                jobs.Get(id) is { } job ? Results.Ok(job) : HttpProblems.Status(404, $"no job '{id}'"))
            .WithName("GetJob").WithSummary("Status, progress messages and, when done, the training report")
            .Produces<TrainJobView>().ProducesProblem(404);
        jobsGroup.MapDelete("/{id}", (string id, TrainingJobs jobs) =>
                jobs.Cancel(id) ? Results.Accepted($"/api/jobs/{id}", jobs.Get(id)) : HttpProblems.Status(404, $"no job '{id}'"))
            .WithName("CancelJob").WithSummary("Cancel a running job").Produces<TrainJobView>(202).ProducesProblem(404);
    }

    private static IEnumerable<DeepSql.Registry.ValidationProblem> Missing(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? [new DeepSql.Registry.ValidationProblem(field, $"{field} is required", "required")] : [];
}

using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Training;

namespace DeepSql.Server.Http;

/// <summary>What a finished training job reports: the published version and its accuracies.</summary>
public sealed record TrainingSummary(string Model, int Version, string Backbone, int BackboneVersion, int RowsUsed,
    int RowsSkipped, IReadOnlyList<string> Classes, int TrainRows, int ValidationRows, double TrainAccuracy,
    double? ValidationAccuracy, double FinalLoss, double TrainingSeconds, double FeaturesPerSecond)
{
    /// <summary>The summary of a training report.</summary>
    public static TrainingSummary From(TrainingReport r) => new(r.Model.Name, r.Model.Version, r.Backbone, r.BackboneVersion,
        r.RowsUsed, r.RowsSkipped, r.Classes, r.TrainRows, r.ValidationRows, r.TrainAccuracy, r.ValidationAccuracy,
        r.FinalLoss, r.TrainingSeconds, r.FeaturesPerSecond);
}

/// <summary>Trains through <see cref="ModelStatementInterceptor.TrainAsync"/>, the same job as CREATE MODEL.</summary>
public sealed class InterceptorModelTrainer(ModelStatementInterceptor interceptor) : IModelTrainer
{
    private readonly ModelStatementInterceptor _interceptor = interceptor;

    /// <inheritdoc />
    public async Task<TrainingSummary> TrainAsync(TrainJobRequest request, IEngineSession session, IProgress<string> progress,
        CancellationToken cancellationToken)
    {
        var report = await _interceptor.TrainAsync(new TrainRequest
        {
            Name = request.Name,
            Query = request.Query,
            Backbone = string.IsNullOrWhiteSpace(request.Backbone) ? "featurize" : request.Backbone,
            Epochs = request.Epochs,
            L2 = request.L2,
            Validation = request.Validation,
            Seed = request.Seed,
            Replace = request.Replace,
        }, session, progress, cancellationToken);
        return TrainingSummary.From(report);
    }
}

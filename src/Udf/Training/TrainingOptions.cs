namespace DeepSql.Udf.Training;

/// <summary>Service-wide settings of CREATE MODEL / POST /api/models/train.</summary>
public sealed record TrainingOptions
{
    /// <summary>Rows read from the training query and featurized per backbone call.</summary>
    public int BatchRows { get; init; } = 256;

    /// <summary>Backbone when the statement has no USING.</summary>
    public string DefaultBackbone { get; init; } = "featurize";

    /// <summary>Defaults for what a request leaves out.</summary>
    public HeadTrainingSettings Defaults { get; init; } = new();

    /// <summary>Upper bound on epochs a request may ask for.</summary>
    public int MaxEpochs { get; init; } = 1000;
}

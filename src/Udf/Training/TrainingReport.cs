using DeepSql.Registry;

namespace DeepSql.Udf.Training;

/// <summary>What a transfer-learning job did; the same numbers are in the model's lineage JSON.</summary>
public sealed record TrainingReport
{
    /// <summary>The stored version.</summary>
    public required ModelVersion Model { get; init; }

    /// <summary>Backbone name.</summary>
    public required string Backbone { get; init; }

    /// <summary>Backbone version used.</summary>
    public required int BackboneVersion { get; init; }

    /// <summary>The training query.</summary>
    public required string Query { get; init; }

    /// <summary>Rows with features and a label (training + validation).</summary>
    public required int RowsUsed { get; init; }

    /// <summary>Rows skipped: NULL label plus undecodable image.</summary>
    public int RowsSkipped => RowsNullLabel + RowsUndecodable;

    /// <summary>Rows skipped for a NULL label.</summary>
    public required int RowsNullLabel { get; init; }

    /// <summary>Rows skipped because the backbone could not read the image (or it was NULL).</summary>
    public required int RowsUndecodable { get; init; }

    /// <summary>Class labels in the order of the score vector (ordinal sort).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Rows in the training split.</summary>
    public required int TrainRows { get; init; }

    /// <summary>Rows in the validation split.</summary>
    public required int ValidationRows { get; init; }

    /// <summary>Accuracy on the training split.</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>Accuracy on the validation split; null when none was held out.</summary>
    public required double? ValidationAccuracy { get; init; }

    /// <summary>Loss of the last epoch.</summary>
    public required double FinalLoss { get; init; }

    /// <summary>Hyper-parameters used.</summary>
    public required HeadTrainingSettings Settings { get; init; }

    /// <summary>Wall time of the whole job.</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>Rows featurized per second of feature extraction.</summary>
    public required double FeaturesPerSecond { get; init; }
}

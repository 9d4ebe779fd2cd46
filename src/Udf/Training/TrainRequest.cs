namespace DeepSql.Udf.Training;

/// <summary>
/// One transfer-learning job: train a softmax head on <see cref="Backbone"/>'s features of the rows of
/// <see cref="Query"/> (an image BLOB column and a label column) and publish it as model <see cref="Name"/>.
/// Null hyper-parameters take the service defaults (<see cref="TrainingOptions.Defaults"/>).
/// </summary>
public sealed record TrainRequest
{
    /// <summary>Name of the new model and its SQL function.</summary>
    public required string Name { get; init; }

    /// <summary>The training query, run on the caller's engine session.</summary>
    public required string Query { get; init; }

    /// <summary>A registered featurize model.</summary>
    public string Backbone { get; init; } = "featurize";

    /// <summary>Passes over the training split.</summary>
    public int? Epochs { get; init; }

    /// <summary>L2 penalty (≥ 0).</summary>
    public double? L2 { get; init; }

    /// <summary>Held-out fraction in [0, 0.9].</summary>
    public double? Validation { get; init; }

    /// <summary>Seed of split and shuffles.</summary>
    public int? Seed { get; init; }

    /// <summary>Initial Adam step size (&gt; 0).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Rows per gradient step.</summary>
    public int? BatchSize { get; init; }

    /// <summary>True: add a new version when the name exists (CREATE OR REPLACE MODEL).</summary>
    public bool Replace { get; init; }
}

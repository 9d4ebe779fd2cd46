namespace DeepSql.Udf.Training;

/// <summary>Hyper-parameters of one head training run.</summary>
public sealed record HeadTrainingSettings
{
    /// <summary>Passes over the training split.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>L2 penalty on the weights (not the bias), on standardized features: loss + l2/2 · ‖W‖².</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Fraction of each class held out for validation, in [0, 1).</summary>
    public double Validation { get; init; } = 0.1;

    /// <summary>Seed of the split and the shuffles: the same data and seed give the same head, bit for bit.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Adam step size at the first epoch; it decays along a cosine to 0 at the last.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Rows per gradient step.</summary>
    public int MiniBatch { get; init; } = 128;
}

namespace DeepSql.Udf.Training;

/// <summary>What a head training run produced.</summary>
/// <param name="Head">The exported head: takes raw features (standardization folded in).</param>
/// <param name="StandardizedHead">The head as trained, on standardized features.</param>
/// <param name="Scaler">The standardization fitted on the training split.</param>
/// <param name="TrainRows">Rows in the training split.</param>
/// <param name="ValidationRows">Rows held out.</param>
/// <param name="TrainAccuracy">Accuracy of <paramref name="Head"/> on the training split.</param>
/// <param name="ValidationAccuracy">Accuracy on the held-out split; null when nothing was held out.</param>
/// <param name="FinalLoss">Mean cross-entropy plus the L2 term over the last epoch.</param>
public sealed record HeadTrainingResult(
    SoftmaxHead Head,
    SoftmaxHead StandardizedHead,
    FeatureScaler Scaler,
    int TrainRows,
    int ValidationRows,
    double TrainAccuracy,
    double? ValidationAccuracy,
    double FinalLoss);

/// <summary>Progress after one epoch.</summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Loss">Mean loss over the epoch's steps (cross-entropy + L2 term).</param>
/// <param name="TrainAccuracy">Running accuracy over the epoch (each row scored before its step).</param>
public sealed record EpochProgress(int Epoch, int Epochs, double Loss, double TrainAccuracy);

using DeepSql.Udf.Training;
using Xunit;

namespace DeepSql.Udf.Tests.Training;

public class SoftmaxTrainerTests
{
    [Fact]
    public void Separable_blobs_are_learned_to_full_train_and_validation_accuracy()
    {
        var (features, labels) = SyntheticFeatures.Blobs(classes: 4, perClass: 50, dimensions: 6, seed: 1);
        var epochs = new List<EpochProgress>();

        var result = SoftmaxTrainer.Train(features, labels, 4,
            new HeadTrainingSettings { Epochs = 20, Validation = 0.2, Seed = 3 }, epochs.Add);

        Assert.Equal(1.0, result.TrainAccuracy);
        Assert.Equal(1.0, result.ValidationAccuracy);
        Assert.Equal(160, result.TrainRows);
        Assert.Equal(40, result.ValidationRows);
        Assert.Equal(Enumerable.Range(1, 20), epochs.Select(e => e.Epoch));
        Assert.True(epochs[^1].Loss < epochs[0].Loss, $"loss {epochs[0].Loss} → {epochs[^1].Loss}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_heads_and_another_seed_differs()
    {
        var (features, labels) = SyntheticFeatures.Blobs(classes: 3, perClass: 40, dimensions: 5, seed: 2, spread: 1.5);
        var settings = new HeadTrainingSettings { Epochs = 5, Seed = 11, MiniBatch = 16 };

        var a = SoftmaxTrainer.Train(features, labels, 3, settings);
        var b = SoftmaxTrainer.Train(features, labels, 3, settings);
        var c = SoftmaxTrainer.Train(features, labels, 3, settings with { Seed = 12 });

        Assert.Equal(a.Head.Weights, b.Head.Weights);
        Assert.Equal(a.Head.Bias, b.Head.Bias);
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        Assert.NotEqual(a.Head.Weights, c.Head.Weights);
    }

    [Fact]
    public void Folded_head_on_raw_features_gives_the_probabilities_of_the_trained_head_on_standardized_features()
    {
        var (features, labels) = SyntheticFeatures.Blobs(classes: 3, perClass: 30, dimensions: 7, seed: 4, spread: 2);
        var result = SoftmaxTrainer.Train(features, labels, 3, new HeadTrainingSettings { Epochs = 8 });

        Assert.NotEqual(0.0, result.Scaler.Mean[3]);
        Assert.NotEqual(1.0, result.Scaler.Std[3]);
        foreach (var row in features.Take(40))
        {
            var unfolded = result.StandardizedHead.Scores(result.Scaler.Transform(row));
            var folded = result.Head.Scores(row);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(unfolded[k], folded[k], 1e-5);
            }
        }
    }

    [Fact]
    public void Validation_split_is_stratified_and_keeps_a_training_row_per_class()
    {
        // Class 0 has 10 rows, class 1 has 2: 50 % holds out 5 of class 0 and 1 of class 1.
        var features = Enumerable.Range(0, 12).Select(i => new[] { i < 10 ? 0f + i * 0.01f : 5f + i * 0.01f }).ToList();
        var labels = Enumerable.Range(0, 12).Select(i => i < 10 ? 0 : 1).ToList();

        var result = SoftmaxTrainer.Train(features, labels, 2, new HeadTrainingSettings { Epochs = 30, Validation = 0.5 });

        Assert.Equal(6, result.TrainRows);
        Assert.Equal(6, result.ValidationRows);
        Assert.Equal(1.0, result.TrainAccuracy);
        Assert.Equal(1.0, result.ValidationAccuracy);
    }

    [Fact]
    public void No_validation_fraction_holds_nothing_out()
    {
        var (features, labels) = SyntheticFeatures.Blobs(classes: 2, perClass: 5, dimensions: 2, seed: 5);

        var result = SoftmaxTrainer.Train(features, labels, 2, new HeadTrainingSettings { Epochs = 10, Validation = 0 });

        Assert.Equal(10, result.TrainRows);
        Assert.Null(result.ValidationAccuracy);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        var (features, labels) = SyntheticFeatures.Blobs(classes: 2, perClass: 50, dimensions: 4, seed: 6);
        using var cts = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => SoftmaxTrainer.Train(features, labels, 2,
            new HeadTrainingSettings { Epochs = 100 }, p =>
            {
                if (p.Epoch == 2)
                {
                    cts.Cancel();
                }
            }, cts.Token));
    }
}

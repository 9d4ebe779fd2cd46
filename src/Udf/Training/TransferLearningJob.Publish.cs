using System.Diagnostics;
using System.Text.Json;
using DeepSql.Registry;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Training;

public sealed partial class TransferLearningJob
{
    private TrainingReport Publish(TrainRequest request, ModelVersion backbone, IReadOnlyList<string> labels,
        FeatureData data, HeadTrainingResult result, HeadTrainingSettings settings, Stopwatch clock)
    {
        var composed = OnnxHeadComposer.Compose(File.ReadAllBytes(backbone.OnnxPath), backbone.Manifest.Output.Tensor,
            result.Head, backbone.Manifest.Output.Normalize);
        var featuresPerSecond = data.Features.Count / Math.Max(data.Seconds, 1e-9);
        var seconds = clock.Elapsed.TotalSeconds;
        var manifest = new ModelManifest
        {
            Name = request.Name,
            Task = ModelTask.Classify,
            Input = backbone.Manifest.Input,
            Output = new OutputSpec { Tensor = OnnxHeadComposer.ScoresOutput, Activation = "none" },
            Labels = labels,
            Description = $"softmax head on {backbone.Name} v{backbone.Version}, {labels.Count} classes, trained by CREATE MODEL",
            Lineage = Lineage(request, backbone, labels, data, result, settings, seconds, featuresPerSecond),
        };

        using var onnx = new MemoryStream(composed, writable: false);
        var registration = _store.Register(manifest, onnx, replace: request.Replace);
        if (!registration.Succeeded)
        {
            var state = registration.Problems[0].Code switch
            {
                "duplicate_name" => SqlStates.DuplicateObject,
                "reserved_name" => SqlStates.ReservedName,
                "invalid_name" => SqlStates.InvalidName,
                _ => SqlStates.InternalError,
            };
            throw new EngineException(state, string.Join("; ", registration.Problems.Select(p => $"{p.Field}: {p.Message}")));
        }

        return new TrainingReport
        {
            Model = registration.Stored!,
            Backbone = backbone.Name,
            BackboneVersion = backbone.Version,
            Query = request.Query,
            RowsUsed = data.Features.Count,
            RowsNullLabel = data.NullLabels,
            RowsUndecodable = data.Undecodable,
            Classes = labels,
            TrainRows = result.TrainRows,
            ValidationRows = result.ValidationRows,
            TrainAccuracy = result.TrainAccuracy,
            ValidationAccuracy = result.ValidationAccuracy,
            FinalLoss = result.FinalLoss,
            Settings = settings,
            TrainingSeconds = seconds,
            FeaturesPerSecond = featuresPerSecond,
        };
    }

    /// <summary>The lineage object stored in the manifest (snake_case keys; SHOW MODELS reads some of them).</summary>
    private static JsonElement Lineage(TrainRequest request, ModelVersion backbone, IReadOnlyList<string> labels,
        FeatureData data, HeadTrainingResult result, HeadTrainingSettings settings, double seconds, double featuresPerSecond)
    {
        var lineage = new Dictionary<string, object?>
        {
            ["backbone"] = backbone.Name,
            ["backbone_version"] = backbone.Version,
            ["query"] = request.Query,
            ["rows_used"] = data.Features.Count,
            ["rows_skipped"] = data.NullLabels + data.Undecodable,
            ["rows_null_label"] = data.NullLabels,
            ["rows_undecodable"] = data.Undecodable,
            ["classes"] = labels,
            ["train_rows"] = result.TrainRows,
            ["validation_rows"] = result.ValidationRows,
            ["train_accuracy"] = result.TrainAccuracy,
            ["validation_accuracy"] = result.ValidationAccuracy,
            ["final_loss"] = double.IsFinite(result.FinalLoss) ? result.FinalLoss : null,
            ["epochs"] = settings.Epochs,
            ["l2"] = settings.L2,
            ["validation"] = settings.Validation,
            ["seed"] = settings.Seed,
            ["learning_rate"] = settings.LearningRate,
            ["batch_size"] = settings.MiniBatch,
            ["training_seconds"] = seconds,
            ["features_per_second"] = featuresPerSecond,
            ["trained_at"] = DateTimeOffset.UtcNow,
        };
        return JsonSerializer.SerializeToElement(lineage);
    }
}

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
        var report = new TrainingReport
        {
            Model = null!,
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
            TrainingSeconds = clock.Elapsed.TotalSeconds,
            FeaturesPerSecond = featuresPerSecond,
        };

        var manifest = new ModelManifest
        {
            Name = request.Name,
            Task = ModelTask.Classify,
            Input = backbone.Manifest.Input,
            Output = new OutputSpec { Tensor = OnnxHeadComposer.ScoresOutput, Activation = "none" },
            Labels = labels,
            Description = $"softmax head on {backbone.Name} v{backbone.Version}, {labels.Count} classes, trained by CREATE MODEL",
            Lineage = Lineage(report),
        };

        using var onnx = new MemoryStream(composed, writable: false);
        var registration = _store.Register(manifest, onnx, replace: request.Replace);
        if (!registration.Succeeded)
        {
            var problem = registration.Problems[0];
            var state = problem.Code switch
            {
                "duplicate_name" => ModelSqlStates.DuplicateObject,
                "reserved_name" => ModelSqlStates.ReservedName,
                "invalid_name" => ModelSqlStates.InvalidName,
                _ => ModelSqlStates.InternalError,
            };
            throw new EngineException(state, string.Join("; ", registration.Problems.Select(p => $"{p.Field}: {p.Message}")));
        }

        return report with { Model = registration.Stored!, TrainingSeconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>The lineage object stored in the manifest (snake_case keys; SHOW MODELS reads some of them).</summary>
    private static JsonElement Lineage(TrainingReport r)
    {
        var lineage = new Dictionary<string, object?>
        {
            ["backbone"] = r.Backbone,
            ["backbone_version"] = r.BackboneVersion,
            ["query"] = r.Query,
            ["rows_used"] = r.RowsUsed,
            ["rows_skipped"] = r.RowsSkipped,
            ["rows_null_label"] = r.RowsNullLabel,
            ["rows_undecodable"] = r.RowsUndecodable,
            ["classes"] = r.Classes,
            ["train_rows"] = r.TrainRows,
            ["validation_rows"] = r.ValidationRows,
            ["train_accuracy"] = r.TrainAccuracy,
            ["validation_accuracy"] = r.ValidationAccuracy,
            ["final_loss"] = double.IsFinite(r.FinalLoss) ? r.FinalLoss : null,
            ["epochs"] = r.Settings.Epochs,
            ["l2"] = r.Settings.L2,
            ["validation"] = r.Settings.Validation,
            ["seed"] = r.Settings.Seed,
            ["learning_rate"] = r.Settings.LearningRate,
            ["batch_size"] = r.Settings.MiniBatch,
            ["training_seconds"] = r.TrainingSeconds,
            ["features_per_second"] = r.FeaturesPerSecond,
            ["trained_at"] = DateTimeOffset.UtcNow,
        };
        return JsonSerializer.SerializeToElement(lineage);
    }
}

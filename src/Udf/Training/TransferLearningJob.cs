using System.Diagnostics;
using System.Globalization;
using DeepSql.Registry;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Training;

/// <summary>Runs a backbone on a batch of rows: one feature vector per row, null for a row it cannot read.</summary>
public delegate float[]?[] BatchFeaturizer(string modelName, IReadOnlyList<object?> rows, SessionContext session);

/// <summary>
/// Transfer learning: streams a query's rows through a featurize backbone (keeping only features and labels), trains a
/// softmax head and registers backbone + head as one classify model. Every failure is an <see cref="EngineException"/>
/// with a SQLSTATE and leaves the registry untouched. Shared by CREATE MODEL and POST /api/models/train.
/// </summary>
public sealed partial class TransferLearningJob
{
    private readonly ModelStore _store;
    private readonly BatchFeaturizer _featurize;
    private readonly TrainingOptions _options;

    /// <param name="store">Where the backbone is found and the new model is registered.</param>
    /// <param name="featurize">Runs the backbone (ModelRuntime.Run in the service).</param>
    /// <param name="options">Service-wide settings; null = defaults.</param>
    public TransferLearningJob(ModelStore store, BatchFeaturizer featurize, TrainingOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _featurize = featurize ?? throw new ArgumentNullException(nameof(featurize));
        _options = options ?? new TrainingOptions();
    }

    /// <summary>Runs the job on the calling thread.</summary>
    /// <param name="request">What to train.</param>
    /// <param name="session">The caller's engine session: the query runs there and notices go nowhere else.</param>
    /// <param name="progress">Progress lines (feature extraction every 10 %, epochs).</param>
    /// <param name="cancellationToken">Cancels the job (57014); so does the session's statement cancellation.</param>
    /// <exception cref="EngineException">With the SQLSTATE of what went wrong; nothing is registered.</exception>
    public TrainingReport Run(TrainRequest request, IEngineSession session, IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        var clock = Stopwatch.StartNew();
        var settings = ResolveSettings(request);
        var backboneName = string.IsNullOrWhiteSpace(request.Backbone) ? _options.DefaultBackbone : request.Backbone;

        if (!request.Replace && _store.TryGet(request.Name, out _))
        {
            throw new EngineException(SqlStates.DuplicateObject, $"model \"{request.Name}\" already exists");
        }

        if (!_store.TryResolve(backboneName, out var backbone) || backbone!.Manifest.Task != ModelTask.Featurize
            || backbone.Manifest.Input.Kind != "image")
        {
            throw new EngineException(SqlStates.UndefinedFunction,
                $"backbone \"{backboneName}\" is not a registered image featurize model");
        }

        if (string.Equals(request.Name, backboneName, StringComparison.Ordinal))
        {
            throw new EngineException(SqlStates.InvalidParameterValue, "a model cannot replace its own backbone");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken,
            session.Context.StatementCancellation);
        var token = linked.Token;
        try
        {
            var data = ExtractFeatures(request.Query, backboneName, session, progress, token);
            var (labels, indices) = CheckClasses(data);
            var result = SoftmaxTrainer.Train(data.Features, indices, labels.Count, settings,
                p => ReportEpoch(p, progress), token);
            ThrowIfCancelled(token);
            return Publish(request, backbone, labels, data, result, settings, clock);
        }
        catch (OperationCanceledException)
        {
            throw Cancelled();
        }
    }

    private HeadTrainingSettings ResolveSettings(TrainRequest request)
    {
        var d = _options.Defaults;
        var s = d with
        {
            Epochs = request.Epochs ?? d.Epochs,
            L2 = request.L2 ?? d.L2,
            Validation = request.Validation ?? d.Validation,
            Seed = request.Seed ?? d.Seed,
            LearningRate = request.LearningRate ?? d.LearningRate,
            MiniBatch = request.BatchSize ?? d.MiniBatch,
        };
        if (s.Epochs < 1 || s.Epochs > _options.MaxEpochs)
        {
            throw Invalid($"epochs must be between 1 and {_options.MaxEpochs}");
        }

        if (!double.IsFinite(s.L2) || s.L2 < 0)
        {
            throw Invalid("l2 must be a number ≥ 0");
        }

        if (!double.IsFinite(s.Validation) || s.Validation < 0 || s.Validation > 0.9)
        {
            throw Invalid("validation must be a fraction between 0 and 0.9");
        }

        if (!double.IsFinite(s.LearningRate) || s.LearningRate <= 0 || s.LearningRate > 10)
        {
            throw Invalid("learning_rate must be a number > 0 and ≤ 10");
        }

        if (s.MiniBatch < 1 || s.MiniBatch > 1_000_000)
        {
            throw Invalid("batch_size must be between 1 and 1000000");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Query))
        {
            throw Invalid("a model name and a training query are required");
        }

        return s;
    }

    /// <summary>Distinct labels in ordinal order and each row's class index; 22023 unless ≥ 2 classes of ≥ 2 rows.</summary>
    private static (IReadOnlyList<string> Labels, int[] Indices) CheckClasses(FeatureData data)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in data.Labels)
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        if (counts.Count < 2)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"training needs at least 2 classes; the query gave {counts.Count} over {data.Labels.Count} usable rows"));
        }

        var small = counts.Where(c => c.Value < 2).Select(c => $"'{c.Key}'").ToList();
        if (small.Count > 0)
        {
            throw Invalid($"every class needs at least 2 rows; too few for {string.Join(", ", small.Take(10))}");
        }

        var labels = counts.Keys.ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return (labels, data.Labels.Select(l => index[l]).ToArray());
    }

    private void ReportEpoch(EpochProgress p, IProgress<string>? progress)
    {
        var every = Math.Max(1, p.Epochs / 10);
        if (p.Epoch == 1 || p.Epoch % every == 0 || p.Epoch == p.Epochs)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs}: loss {p.Loss:0.000}, train acc {p.TrainAccuracy:0.00}"));
        }
    }

    private static void ThrowIfCancelled(CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            throw Cancelled();
        }
    }

    private static EngineException Cancelled() =>
        new(SqlStates.QueryCanceled, "canceling statement due to user request");

    private static EngineException Invalid(string message) => new(SqlStates.InvalidParameterValue, message);
}

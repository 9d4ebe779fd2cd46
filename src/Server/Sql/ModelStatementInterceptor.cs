using System.Globalization;
using DeepSql.Registry;
using DeepSql.Udf;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Training;

namespace DeepSql.Server.Sql;

/// <summary>
/// Answers CREATE [OR REPLACE] MODEL, DROP MODEL and SHOW MODELS; declines everything else (null). Training runs on
/// the caller's thread and session, progress goes to the session's notices.
/// </summary>
public sealed partial class ModelStatementInterceptor : IStatementInterceptor
{
    private readonly ModelStore _store;
    private readonly TrainingOptions _options;
    private readonly TransferLearningJob _job;

    public ModelStatementInterceptor(ModelStore store, ModelRuntime runtime, TrainingOptions? options = null)
        : this(store, (runtime ?? throw new ArgumentNullException(nameof(runtime))).Run, options)
    {
    }

    /// <summary>With any featurizer in place of <see cref="ModelRuntime.Run"/>.</summary>
    public ModelStatementInterceptor(ModelStore store, BatchFeaturizer featurize, TrainingOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new TrainingOptions();
        _job = new TransferLearningJob(store, featurize, _options);
    }

    /// <inheritdoc />
    public IQueryResult? TryExecute(string sql, IEngineSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!ModelStatementParser.TryParse(sql, out var statement))
        {
            return null;
        }

        return statement switch
        {
            CreateModelStatement create => Create(create, session, cancellationToken),
            DropModelStatement drop => Drop(drop),
            ShowModelsStatement => ShowModels(),
            _ => null,
        };
    }

    /// <summary>
    /// The POST /api/models/train path: the same job as CREATE MODEL, on a pool thread. Faults with an
    /// <see cref="EngineException"/> carrying the SQLSTATE.
    /// </summary>
    public Task<TrainingReport> TrainAsync(TrainRequest request, IEngineSession session, IProgress<string> progress,
        CancellationToken ct) =>
        Task.Run(() => _job.Run(request, session, progress, ct), CancellationToken.None);

    private StatementResult Create(CreateModelStatement create, IEngineSession session, CancellationToken ct)
    {
        var request = ToRequest(create);
        var notices = new NoticeProgress(session.Context);
        var report = _job.Run(request, session, notices, ct);
        var validation = report.ValidationAccuracy is { } v
            ? string.Create(CultureInfo.InvariantCulture, $", validation accuracy {v:0.000}")
            : "";
        session.Context.Notice(string.Create(CultureInfo.InvariantCulture,
            $"model \"{report.Model.Name}\" version {report.Model.Version}: {report.Classes.Count} classes, {report.RowsUsed} rows, train accuracy {report.TrainAccuracy:0.000}{validation}"));
        return new StatementResult("CREATE MODEL");
    }

    private TrainRequest ToRequest(CreateModelStatement create)
    {
        var request = new TrainRequest
        {
            Name = create.Name,
            Query = create.Query,
            Backbone = create.Backbone ?? _options.DefaultBackbone,
            Replace = create.Replace,
        };
        foreach (var option in create.Options)
        {
            request = option.Key switch
            {
                "epochs" => request with { Epochs = Integer(option) },
                "seed" => request with { Seed = Integer(option) },
                "batch_size" => request with { BatchSize = Integer(option) },
                "l2" => request with { L2 = Number(option) },
                "validation" => request with { Validation = Number(option) },
                "learning_rate" => request with { LearningRate = Number(option) },
                _ => throw UnknownOption(option),
            };
        }

        return request;
    }

    private static double Number(ModelOption option) => option.Value is double d
        ? d
        : throw new EngineException(SqlStates.InvalidParameterValue,
            $"option \"{option.Key}\" needs a number, not {Describe(option.Value)}");

    private static int Integer(ModelOption option)
    {
        var d = Number(option);
        if (d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            return (int)d;
        }

        throw new EngineException(SqlStates.InvalidParameterValue,
            string.Create(CultureInfo.InvariantCulture, $"option \"{option.Key}\" needs an integer, not {d}"));
    }

    private static string Describe(object value) => value switch
    {
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static EngineException UnknownOption(ModelOption option)
    {
        var error = new EngineException(SqlStates.SyntaxError, string.Create(CultureInfo.InvariantCulture,
            $"unknown option \"{option.Key}\" at position {option.Position}; known: epochs, l2, validation, seed, learning_rate, batch_size"));
        error.Data[ModelStatementParser.PositionKey] = option.Position;
        return error;
    }

    /// <summary>Progress lines as NOTICEs of the session.</summary>
    private sealed class NoticeProgress(SessionContext context) : IProgress<string>
    {
        public void Report(string value) => context.Notice(value);
    }
}

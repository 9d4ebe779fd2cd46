using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using DeepSql.Server.Observability;
using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http;

/// <summary>Body of POST /api/models/train. Unset numbers take the trainer's defaults.</summary>
public sealed record TrainJobRequest(string Name, string Query, string Backbone = "featurize", int? Epochs = null,
    double? L2 = null, double? Validation = null, int? Seed = null, bool Replace = false);

/// <summary>
/// What the train endpoint needs of the trainer. <see cref="InterceptorModelTrainer"/> implements it over
/// ModelStatementInterceptor.TrainAsync; a test or another host may register its own.
/// </summary>
public interface IModelTrainer
{
    /// <summary>Trains and publishes a model; reports progress lines as it goes; returns what it did.</summary>
    Task<TrainingSummary> TrainAsync(TrainJobRequest request, IEngineSession session, IProgress<string> progress, CancellationToken cancellationToken);
}

/// <summary>State of a training job.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainJobStatus>))]
public enum TrainJobStatus
{
    /// <summary>Training now.</summary>
    Running,

    /// <summary>Done; the model is published.</summary>
    Succeeded,

    /// <summary>Stopped by an error.</summary>
    Failed,

    /// <summary>Stopped by DELETE /api/jobs/{id}.</summary>
    Cancelled,
}

/// <summary>A training job as GET /api/jobs/{id} shows it.</summary>
public sealed record TrainJobView(string Id, string Name, TrainJobStatus Status, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, IReadOnlyList<string> Progress, TrainingSummary? Report, string? Error);

/// <summary>Background training jobs, by id. Thread-safe; keeps the last 100 finished jobs.</summary>
public sealed class TrainingJobs(IQueryEngine engine, ILogger<HttpLog> log, IServiceProvider services)
{
    private const int KeepFinished = 100;
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly IQueryEngine _engine = engine;
    private readonly ILogger<HttpLog> _log = log;
    private readonly IServiceProvider _services = services;

    /// <summary>Starts a job; null when no trainer is wired.</summary>
    public TrainJobView? Start(TrainJobRequest request, string user)
    {
        var trainer = _services.GetService<IModelTrainer>()
            ?? ((_services.GetService<ModelStatementInterceptor>() ?? _services.GetService<IStatementInterceptor>() as ModelStatementInterceptor)
                is { } interceptor ? new InterceptorModelTrainer(interceptor) : null);
        if (trainer is null)
        {
            return null;
        }

        Prune();
        var job = new Job(Guid.NewGuid().ToString("N")[..12], request.Name);
        _jobs[job.Id] = job;
        HttpLog.TrainingStarted(_log, job.Id, request.Name);
        job.Task = Task.Run(async () =>
        {
            try
            {
                using var session = _engine.OpenSession(new SessionContext { SessionId = QueryEndpoints.NextSessionId(), User = user });
                var report = await trainer.TrainAsync(request, session, job, job.Cancellation.Token);
                job.Finish(TrainJobStatus.Succeeded, report, null);
            }
            catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
            {
                job.Finish(TrainJobStatus.Cancelled, null, "cancelled");
            }
            catch (EngineException e) when (e.SqlState == SqlStates.QueryCanceled && job.Cancellation.IsCancellationRequested)
            {
                job.Finish(TrainJobStatus.Cancelled, null, "cancelled");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                HttpLog.TrainingFailed(_log, job.Id, e);
                job.Finish(TrainJobStatus.Failed, null, e is EngineException ee ? $"{ee.SqlState}: {ee.Message}" : e.Message);
            }

            HttpLog.TrainingEnded(_log, job.Id, job.Status.ToString());
        });
        return job.View();
    }

    /// <summary>A job by id.</summary>
    public TrainJobView? Get(string id) => _jobs.TryGetValue(id, out var job) ? job.View() : null;

    /// <summary>Every known job, newest first.</summary>
    public IReadOnlyList<TrainJobView> List() => _jobs.Values.Select(j => j.View()).OrderByDescending(v => v.StartedAt).ToArray();

    /// <summary>Asks a running job to stop; false when the id is unknown.</summary>
    public bool Cancel(string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return false;
        }

        job.Cancellation.Cancel();
        return true;
    }

    /// <summary>Waits for a job to end (tests, shutdown).</summary>
    public Task WaitAsync(string id) => _jobs.TryGetValue(id, out var job) && job.Task is { } t ? t : Task.CompletedTask;

    private void Prune()
    {
        var finished = _jobs.Values.Where(j => j.Status != TrainJobStatus.Running).OrderByDescending(j => j.StartedAt).Skip(KeepFinished);
        foreach (var old in finished.ToArray())
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    /// <summary>One job; also the progress sink (lines kept in order, synchronously).</summary>
    private sealed class Job(string id, string name) : IProgress<string>
    {
        private readonly Lock _lock = new();
        private readonly List<string> _progress = [];
        private TrainingSummary? _report;
        private string? _error;
        private DateTimeOffset? _endedAt;

        public string Id { get; } = id;

        public string Name { get; } = name;

        public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

        public CancellationTokenSource Cancellation { get; } = new();

        public Task? Task { get; set; }

        public TrainJobStatus Status { get; private set; } = TrainJobStatus.Running;

        public void Report(string value)
        {
            lock (_lock)
            {
                _progress.Add(value);
            }
        }

        public void Finish(TrainJobStatus status, TrainingSummary? report, string? error)
        {
            lock (_lock)
            {
                Status = status;
                _report = report;
                _error = error;
                _endedAt = DateTimeOffset.UtcNow;
            }
        }

        public TrainJobView View()
        {
            lock (_lock)
            {
                return new TrainJobView(Id, Name, Status, StartedAt, _endedAt, _progress.ToArray(), _report, _error);
            }
        }
    }
}

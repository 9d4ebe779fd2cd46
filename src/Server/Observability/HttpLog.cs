namespace DeepSql.Server.Observability;

/// <summary>Structured log events of the HTTP side (source-generated; also the logger category).</summary>
public sealed partial class HttpLog
{
    private HttpLog()
    {
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Registered model {Name} version {Version} ({SizeBytes} bytes)")]
    public static partial void ModelRegistered(ILogger logger, string name, int version, long sizeBytes);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Refused model {Name}: {Problems}")]
    public static partial void ModelRejected(ILogger logger, string name, string problems);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Deleted model {Name} version {Version}")]
    public static partial void ModelDeleted(ILogger logger, string name, int? version);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Query failed with {SqlState}: {Message}")]
    public static partial void QueryFailed(ILogger logger, string sqlState, string message);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Query {Outcome} as {User}: {Rows} rows in {Milliseconds} ms ({Format})")]
    public static partial void QueryFinished(ILogger logger, string outcome, string user, long rows, double milliseconds, string format);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error, Message = "Query failed unexpectedly")]
    public static partial void QueryCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Training job {JobId} for {Name} started")]
    public static partial void TrainingStarted(ILogger logger, string jobId, string name);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Training job {JobId} ended {Status}")]
    public static partial void TrainingEnded(ILogger logger, string jobId, string status);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Training job {JobId} failed")]
    public static partial void TrainingFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Warning, Message = "Prediction with {Function} failed")]
    public static partial void PredictFailed(ILogger logger, string function, Exception exception);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Warning, Message = "Admin login refused from {Remote}")]
    public static partial void AdminLoginRefused(ILogger logger, string? remote);
}

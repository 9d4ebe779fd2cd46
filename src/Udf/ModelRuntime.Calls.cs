using DeepSql.Registry;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Onnx;

namespace DeepSql.Udf;

public sealed partial class ModelRuntime
{
    /// <summary>
    /// Runs the model behind a function on rows with the session's settings: batch size, strict mode, cancellation.
    /// Counts the call and sends at most one notice for rows that gave NULL because they could not be used.
    /// </summary>
    /// <param name="modelName">Registry name.</param>
    /// <param name="functionName">SQL function named in notices and errors.</param>
    /// <param name="rows">byte[] (images) or string (texts); null gives null.</param>
    /// <param name="session">The calling session.</param>
    public (float[]?[] Vectors, ModelVersion Version) RunForFunction(string modelName, string functionName,
        IReadOnlyList<object?> rows, SessionContext session)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(session);
        var counters = _counters.GetOrAdd(modelName, _ => new ModelCounters());
        var model = Acquire(modelName, functionName);
        try
        {
            var batchSize = session.BatchSize > 0 ? session.BatchSize : _options.DefaultBatchSize;
            var outcome = model.Run(rows, batchSize, session.Strict, functionName, session.StatementCancellation);
            counters.Add(rows.Count, outcome);
            if (outcome.InvalidRows > 0)
            {
                var what = model.Version.Manifest.Task == ModelTask.EmbedText ? "read as text" : "decoded as images";
                session.Notice($"{functionName}: {outcome.InvalidRows} of {rows.Count} rows could not be {what} and gave NULL");
            }

            return (outcome.Vectors, model.Version);
        }
        catch (EngineException e)
        {
            counters.Fail(e.Message);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            counters.Fail(e.Message);
            throw new EngineException(SqlStates.InternalError, $"{functionName}: inference failed: {e.Message}", e);
        }
        finally
        {
            model.Release();
        }
    }

    private ModelSession Acquire(string modelName, string functionName)
    {
        // A session can be replaced between the lookup and the acquire; then the lookup finds its successor.
        while (true)
        {
            if (!_sessions.TryGetValue(modelName, out var model))
            {
                throw new EngineException(SqlStates.UndefinedFunction, $"{functionName}: model {modelName} is not loaded");
            }

            if (model.TryAcquire())
            {
                return model;
            }
        }
    }

    /// <summary>Counters of one model, updated from many engine threads.</summary>
    private sealed class ModelCounters
    {
        private readonly Lock _lock = new();
        private long _calls, _rows, _batches, _invalid;
        private double _decode, _inference;
        private readonly long[] _runSizes = new long[ModelStats.RunSizeBounds.Count + 1];
        private long _runRows;

        public string? LastError { get; set; }

        public void Add(int rows, BatchOutcome outcome)
        {
            lock (_lock)
            {
                _calls++;
                _rows += rows;
                _batches += outcome.Runs;
                _invalid += outcome.InvalidRows;
                _decode += outcome.PreprocessSeconds;
                _inference += outcome.InferenceSeconds;
                foreach (var size in outcome.RunSizes)
                {
                    var bucket = 0;
                    while (bucket < ModelStats.RunSizeBounds.Count && size > ModelStats.RunSizeBounds[bucket])
                    {
                        bucket++;
                    }

                    _runSizes[bucket]++;
                    _runRows += size;
                }
            }
        }

        public void Fail(string message)
        {
            lock (_lock)
            {
                _calls++;
                LastError = message;
            }
        }

        public ModelStats Snapshot(string name)
        {
            lock (_lock)
            {
                return new ModelStats(name, _calls, _rows, _batches, _invalid, _decode, _inference, LastError)
                {
                    RunSizeCounts = [.. _runSizes],
                    RunRows = _runRows,
                };
            }
        }
    }
}

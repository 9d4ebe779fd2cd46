using DeepSql.Registry;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Processing;
using Microsoft.ML.OnnxRuntime;

namespace DeepSql.Udf.Onnx;

/// <summary>
/// One loaded model version: owns its ONNX Runtime <see cref="InferenceSession"/> (a native handle) and turns
/// batches of rows into output vectors. Reference-counted: the runtime holds one reference, every call in flight
/// another; the native session is released when the last one goes, so a replaced version finishes its calls.
/// </summary>
public sealed partial class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ImageSpec? _image;
    private readonly TextTokenizer? _tokenizer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _rowsPerCallLimit;
    private SemaphoreSlim _gate = InferenceGate.For(Environment.ProcessorCount); // replaced in Load from the options
    private int _references = 1;
    private long _runs;

    private ModelSession(ModelVersion version, InferenceSession session, ImageSpec? image, TextTokenizer? tokenizer)
    {
        Version = version;
        _session = session;
        _image = image;
        _tokenizer = tokenizer;
        _outputNames = [version.Manifest.Output.Tensor];
        _inputNames = tokenizer is null
            ? [version.Manifest.Input.Tensor]
            : [version.Manifest.Input.Tensor, .. ManifestValidator.TextSideInputs.Where(session.InputMetadata.ContainsKey)];
        _rowsPerCallLimit = image is null ? 256 : Math.Max(1, 64_000_000 / Math.Max(1, image.ElementCount));
    }

    /// <summary>The version this session runs.</summary>
    public ModelVersion Version { get; }

    /// <summary>ONNX Runtime Run calls made so far (one per sub-batch).</summary>
    public long RunCount => Interlocked.Read(ref _runs);

    /// <summary>Creates the ONNX Runtime session (and tokenizer or mean image) for a stored version.</summary>
    public static ModelSession Load(ModelVersion version, RuntimeOptions options)
    {
        var manifest = version.Manifest;
        ImageSpec? image = null;
        TextTokenizer? tokenizer = null;
        if (manifest.Task == ModelTask.EmbedText)
        {
            var vocab = Path.Combine(version.AssetDirectory ?? Path.GetDirectoryName(version.OnnxPath)!, "vocab.txt");
            tokenizer = TextTokenizer.FromVocabulary(vocab);
        }
        else
        {
            float[]? meanImage = null;
            if (manifest.Input.Mean?.Initializer is { } meanName)
            {
                if (!InitializerReader.TryReadFloats(version.OnnxPath, meanName, out meanImage, out _))
                {
                    throw new InvalidDataException($"{version.Name}: initializer '{meanName}' is missing or not float");
                }
            }

            image = ImageSpec.FromManifest(manifest.Input, meanImage);
            if (meanImage is not null && meanImage.Length != image.ElementCount)
            {
                throw new InvalidDataException(
                    $"{version.Name}: mean image has {meanImage.Length} values; {image.ElementCount} are needed ({image.ChannelCount}x{image.Height}x{image.Width})");
            }
        }

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Idle intra-op threads must not spin: DuckDB's worker threads decode images on the same cores between runs.
        // Measured on 2 cores (tests/Benchmarks featurize, 240 photos): 0.48–0.54× a plain decode + ONNX Runtime
        // loop with spinning, 0.91× without.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        var session = new InferenceSession(version.OnnxPath, sessionOptions);
        return new ModelSession(version, session, image, tokenizer) { _gate = InferenceGate.For(options.IntraOpThreads) };
    }

    /// <summary>Takes a reference for one call; false when the session is already released.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Returns a reference taken by <see cref="TryAcquire"/>; the last one frees the native session.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _session.Dispose();
        }
    }

    /// <summary>Drops the owner's reference; calls in flight keep the session until they finish.</summary>
    public void Dispose() => Release();

    /// <summary>
    /// Runs rows (byte[] images or string texts; null gives null) through the model: preprocessing in parallel, one
    /// ONNX Runtime Run per sub-batch of <paramref name="batchSize"/> rows. Undecodable rows give null; in strict mode the
    /// first throws 22P02. Cancellation between sub-batches (and inside a Run) throws 57014.
    /// </summary>
    /// <param name="rows">The row values.</param>
    /// <param name="batchSize">Rows per Run call.</param>
    /// <param name="strict">Throw 22P02 on the first bad row instead of giving null.</param>
    /// <param name="functionName">Named in error messages.</param>
    /// <param name="cancellation">The statement's cancellation.</param>
    public BatchOutcome Run(IReadOnlyList<object?> rows, int batchSize, bool strict, string functionName, CancellationToken cancellation)
    {
        batchSize = Math.Clamp(batchSize, 1, _rowsPerCallLimit);
        return _image is not null
            ? RunImages(rows, batchSize, strict, functionName, cancellation)
            : RunTexts(rows, batchSize, cancellation);
    }

    private static void ThrowIfCancelled(CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            throw new EngineException(SqlStates.QueryCanceled, "canceling statement due to user request");
        }
    }

    // One Run with RunOptions.Terminate wired to the statement's cancellation.
    private IDisposableReadOnlyCollection<OrtValue> RunOnce(IReadOnlyCollection<OrtValue> inputs, CancellationToken cancellation)
    {
        using var runOptions = new RunOptions();
        using var registration = cancellation.Register(() => runOptions.Terminate = true);
        try
        {
            _gate.Wait(cancellation);
        }
        catch (OperationCanceledException)
        {
            throw new EngineException(SqlStates.QueryCanceled, "canceling statement due to user request");
        }

        try
        {
            Interlocked.Increment(ref _runs);
            return _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellation.IsCancellationRequested)
        {
            throw new EngineException(SqlStates.QueryCanceled, "canceling statement due to user request");
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>What one batch produced: a vector per row (null = NULL or bad input) and counts for the stats.</summary>
/// <param name="Vectors">Output vector per row.</param>
/// <param name="InvalidRows">Rows that were not null but could not be used.</param>
/// <param name="Runs">ONNX Runtime Run calls made.</param>
/// <param name="PreprocessSeconds">Decode and preprocessing time (wall clock).</param>
/// <param name="InferenceSeconds">ONNX Runtime time (wall clock).</param>
public sealed record BatchOutcome(float[]?[] Vectors, int InvalidRows, int Runs, double PreprocessSeconds, double InferenceSeconds)
{
    /// <summary>Rows fed to each ONNX Runtime run, in order (the sub-batch sizes).</summary>
    public IReadOnlyList<int> RunSizes { get; init; } = [];
}

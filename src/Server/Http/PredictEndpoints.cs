using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeepSql.Registry;
using DeepSql.Server.Observability;
using DeepSql.Udf;
using DeepSql.Udf.Engines;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DeepSql.Server.Http;

/// <summary>A label and its score.</summary>
public sealed record LabelScore(string Label, float Score);

/// <summary>The answer for one input of a prediction.</summary>
public sealed record PredictItem(
    string Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Score = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LabelScore>? Top = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float[]? Vector = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

/// <summary>Body of a POST /api/predict answer. <see cref="LatencyMs"/> is the model call for all inputs together.</summary>
public sealed record PredictResponse(string Function, string Model, int Version, string Task, double LatencyMs,
    IReadOnlyList<PredictItem> Results, IReadOnlyList<string> Notices);

/// <summary>POST /api/predict/{function}: run a model on uploaded images or texts without SQL (admin "try it").</summary>
public static class PredictEndpoints
{
    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/predict/{function}", PredictAsync)
            .RequireQueryUser()
            .DisableAntiforgery()
            .WithTags("Query").WithName("Predict")
            .WithSummary("Run a model on a raw image body, a multipart upload of several files, text/plain or {\"texts\":[…]}")
            .Accepts<IFormFile>("multipart/form-data", "image/jpeg", "image/png", "application/octet-stream", "text/plain", "application/json")
            .Produces<PredictResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413)
            .WithResponseExample(200, """
                {"function": "predict_color", "model": "predict_color", "version": 1, "task": "classify", "latencyMs": 3.2,
                 "results": [{"input": "red.png", "label": "red", "score": 0.97,
                              "top": [{"label": "red", "score": 0.97}, {"label": "green", "score": 0.02}, {"label": "blue", "score": 0.01}]}],
                 "notices": []}
                """);
    }

    /// <summary>Top <paramref name="k"/> labels by score, best first (ties: lower index first).</summary>
    public static IReadOnlyList<LabelScore> TopK(ReadOnlySpan<float> scores, IReadOnlyList<string>? labels, int k)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var copy = scores.ToArray();
        Array.Sort(order, (a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order.Take(k)
            .Select(i => new LabelScore(labels is not null && i < labels.Count ? labels[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture), copy[i]))
            .ToArray();
    }

    private static async Task<IResult> PredictAsync(string function, HttpContext context, ModelStore store,
        HttpApiOptions options, ILogger<HttpLog> log, IServiceProvider services)
    {
        var runtime = services.GetService<ModelRuntime>();
        if (runtime is null)
        {
            return HttpProblems.Status(501, "the model runtime is not running");
        }

        var modelName = runtime.Functions.FirstOrDefault(f => f.Name == function)?.ModelName ?? function;
        if (!store.TryResolve(modelName, out var version) || version is null)
        {
            return HttpProblems.Status(404, $"no model function named '{function}'", SqlStates.UndefinedFunction);
        }

        if (ModelEndpoints.ApplyUploadLimit(context, options) is { } tooLarge)
        {
            return tooLarge;
        }

        var isText = version.Manifest.Task == ModelTask.EmbedText || version.Manifest.Input.Kind == "text";
        var (inputs, rows, error) = await ReadInputsAsync(context, isText, options.MaxUploadBytes);
        if (error is not null)
        {
            return error;
        }

        if (rows.Count == 0)
        {
            return HttpProblems.Status(400, isText ? "no text: send text/plain, {\"texts\":[…]} or multipart 'text' fields"
                : "no image: send the image as the body or as multipart file parts");
        }

        var session = new SessionContext { SessionId = QueryEndpoints.NextSessionId(), User = HttpAuthFilters.UserOf(context) };
        var started = Stopwatch.GetTimestamp();
        float[]?[] outputs;
        try
        {
            (outputs, version) = await Task.Run(() => runtime.RunForFunction(modelName, function, rows, session), context.RequestAborted);
        }
        catch (EngineException e)
        {
            return HttpProblems.FromEngine(e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            HttpLog.PredictFailed(log, function, e);
            return HttpProblems.Status(500, "prediction failed: " + e.Message, SqlStates.InternalError);
        }

        var latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var manifest = version.Manifest;
        var results = new PredictItem[rows.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var output = i < outputs.Length ? outputs[i] : null;
            results[i] = output is null
                ? new PredictItem(inputs[i], Error: isText ? "no output for this text" : "could not decode this image")
                : manifest.Task == ModelTask.Classify
                    ? Classified(inputs[i], manifest.Output.Activation == "softmax" ? Softmax(output) : output, manifest.Labels)
                    : new PredictItem(inputs[i], Vector: output);
        }

        return Results.Ok(new PredictResponse(function, modelName, version.Version, ModelSummaryDto.TaskName(manifest.Task),
            latencyMs, results, session.DrainNotices()));
    }

    /// <summary>exp(x − max) / Σ: scores that sum to 1.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var result = new float[logits.Length];
        if (logits.Length == 0)
        {
            return result;
        }

        var max = float.NegativeInfinity;
        foreach (var x in logits)
        {
            max = Math.Max(max, x);
        }

        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = Math.Exp(logits[i] - max);
            result[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(result[i] / sum);
        }

        return result;
    }

    private static PredictItem Classified(string input, float[] scores, IReadOnlyList<string>? labels)
    {
        var top = TopK(scores, labels, 5);
        return new PredictItem(input, Label: top.Count > 0 ? top[0].Label : null, Score: top.Count > 0 ? top[0].Score : null, Top: top);
    }

    private static async Task<(List<string> Inputs, List<object?> Rows, IResult? Error)> ReadInputsAsync(
        HttpContext context, bool isText, long maxBytes)
    {
        var inputs = new List<string>();
        var rows = new List<object?>();
        var ct = context.RequestAborted;
        var contentType = context.Request.ContentType;
        try
        {
            if (ModelUploadReader.BoundaryOf(contentType) is { } boundary)
            {
                var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = maxBytes };
                while (await reader.ReadNextSectionAsync(ct) is { } section)
                {
                    var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                        ? HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                        : null;
                    name ??= $"part{rows.Count + 1}";
                    using var buffer = new MemoryStream();
                    await section.Body.CopyToAsync(buffer, ct);
                    inputs.Add(name);
                    rows.Add(isText ? System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) : buffer.ToArray());
                }
            }
            else if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && isText)
            {
                using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
                var root = json.RootElement;
                IEnumerable<JsonElement> texts = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("texts", out var t) ? t.EnumerateArray()
                    : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var one) ? [one]
                    : root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [];
                foreach (var text in texts)
                {
                    inputs.Add($"text{inputs.Count + 1}");
                    rows.Add(text.ValueKind == JsonValueKind.String ? text.GetString() : null);
                }
            }
            else
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, ct);
                if (buffer.Length > 0)
                {
                    inputs.Add(isText ? "text1" : "body");
                    rows.Add(isText ? System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) : buffer.ToArray());
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (inputs, rows, HttpProblems.Status(413, $"the upload is larger than {maxBytes} bytes"));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            return (inputs, rows, HttpProblems.Status(400, "malformed body: " + e.Message));
        }

        return (inputs, rows, null);
    }
}

using DeepSql.Registry;
using DeepSql.Server.Observability;
using DeepSql.Udf;
using Microsoft.AspNetCore.Http.Features;

namespace DeepSql.Server.Http;

/// <summary>/api/models: register, list, inspect, alias, delete and download models.</summary>
internal static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Models");

        models.MapGet("/", (ModelStore store, IServiceProvider sp) =>
                Results.Ok(store.List().Select(e => ModelSummaryDto.From(e, sp.GetService<ModelRuntime>())).ToArray()))
            .RequireQueryUser()
            .WithName("ListModels").WithSummary("Every registered model with its current version and counters")
            .Produces<ModelSummaryDto[]>();

        models.MapGet("/{name}", (string name, ModelStore store, IServiceProvider sp) =>
                store.TryGet(name, out var entry) && entry is not null
                    ? Results.Ok(ModelDetailDto.From(entry, sp.GetService<ModelRuntime>()))
                    : NotFound(name))
            .RequireQueryUser()
            .WithName("GetModel").WithSummary("One model: versions, aliases, manifest, lineage, counters")
            .Produces<ModelDetailDto>().ProducesProblem(404);

        models.MapPost("/", RegisterAsync)
            .RequireAdminToken()
            .DisableAntiforgery()
            .WithName("RegisterModel")
            .WithSummary("Register a new version: multipart part 'model' = ONNX file, part 'manifest' = manifest JSON, other file parts = assets")
            .Accepts<ModelUploadForm>("multipart/form-data")
            .Produces<ModelVersionDto>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(413)
            .WithResponseExample(201, """
                {"name": "predict_color", "version": 1, "sha256": "9f2c…", "createdAt": "2026-12-01T08:00:00+00:00", "sizeBytes": 1234,
                 "manifest": {"name": "predict_color", "task": "classify",
                   "input": {"tensor": "image", "kind": "image", "width": 32, "height": 32, "resize": "stretch", "channels": "RGB",
                             "layout": "NCHW", "scale": 0.00392157, "mean": [0, 0, 0], "std": [1, 1, 1]},
                   "output": {"tensor": "scores", "activation": "softmax"}, "labels": ["red", "green", "blue"]},
                 "assets": []}
                """)
            .WithResponseExample(400, """
                {"title": "The model was not registered", "status": 400,
                 "errors": {"input.width": ["manifest says 64x64 but graph input 'image' is 32x32 (NCHW [-1,3,32,32])"],
                            "labels": ["manifest has 2 labels but output 'scores' [-1,3] has 3 classes"]},
                 "codes": {"input.width": ["shape_mismatch"], "labels": ["label_count_mismatch"]}}
                """, "application/problem+json");

        models.MapPost("/inspect", InspectAsync)
            .RequireAdminToken()
            .DisableAntiforgery()
            .WithName("InspectModel").WithSummary("Read an ONNX file's inputs and outputs (raw body or multipart part 'model'); nothing is stored")
            .Accepts<InspectForm>("multipart/form-data", "application/octet-stream")
            .Produces<InspectResponse>().ProducesProblem(400).ProducesProblem(413)
            .WithResponseExample(200, """
                {"inputs": [{"name": "image", "elementType": "float", "shape": [-1, 3, 32, 32]}],
                 "outputs": [{"name": "scores", "elementType": "float", "shape": [-1, 3]}], "initializers": ["W", "B"], "sizeBytes": 1234}
                """);

        models.MapDelete("/{name}", (string name, ModelStore store, ILogger<HttpLog> log) =>
            {
                if (!store.Delete(name))
                {
                    return NotFound(name);
                }

                HttpLog.ModelDeleted(log, name, null);
                return Results.NoContent();
            })
            .RequireAdminToken()
            .WithName("DeleteModel").WithSummary("Delete a model with all its versions").Produces(204).ProducesProblem(404);

        models.MapDelete("/{name}/versions/{version:int}", (string name, int version, ModelStore store, ILogger<HttpLog> log) =>
            {
                if (!store.Delete(name, version))
                {
                    return HttpProblems.Status(404, $"model '{name}' has no version {version}");
                }

                HttpLog.ModelDeleted(log, name, version);
                return Results.NoContent();
            })
            .RequireAdminToken()
            .WithName("DeleteModelVersion").WithSummary("Delete one version").Produces(204).ProducesProblem(404);

        models.MapPut("/{name}/aliases/{alias}", (string name, string alias, AliasRequest body, ModelStore store) =>
            {
                if (!store.TryGet(name, out _))
                {
                    return NotFound(name);
                }

                return store.SetAlias(name, alias, body.Version, out var error)
                    ? Results.Ok(store.TryGet(name, out var entry) ? entry!.Aliases : null)
                    : HttpProblems.Status(400, error ?? $"cannot point '{alias}' at version {body.Version}");
            })
            .RequireAdminToken()
            .WithName("SetModelAlias").WithSummary("Point an alias at a version; 'current' decides what the function name runs")
            .Produces<Dictionary<string, int>>().ProducesProblem(400).ProducesProblem(404)
            .WithRequestExample("""{"version": 2}""")
            .WithResponseExample(200, """{"current": 2}""");

        models.MapGet("/{name}/file", (string name, int? version, ModelStore store) =>
            {
                if (!store.TryGet(name, out var entry) || entry is null)
                {
                    return NotFound(name);
                }

                var chosen = version is null ? entry.Current : entry.Versions.FirstOrDefault(v => v.Version == version);
                return chosen is null
                    ? HttpProblems.Status(404, $"model '{name}' has no version {version}")
                    : Results.File(chosen.OnnxPath, "application/octet-stream", $"{name}-v{chosen.Version}.onnx");
            })
            .RequireAdminToken()
            .WithName("DownloadModel").WithSummary("Download the ONNX file of the current (or ?version=n) version")
            .Produces(200, contentType: "application/octet-stream").ProducesProblem(404);
    }

    internal static IResult NotFound(string name) => HttpProblems.Status(404, $"no model named '{name}'");

    /// <summary>Lifts the server's body limit to the configured upload limit; 413 now if the declared length is over it.</summary>
    internal static IResult? ApplyUploadLimit(HttpContext context, HttpApiOptions options)
    {
        if (context.Request.ContentLength > options.MaxUploadBytes)
        {
            return HttpProblems.Status(413, $"the upload is larger than {options.MaxUploadBytes} bytes");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes;
        }

        return null;
    }

    internal static string SpoolDirectory(HttpApiOptions options) => options.SpoolDirectory ?? Path.GetTempPath();

    private static async Task<IResult> RegisterAsync(HttpContext context, ModelStore store, HttpApiOptions options,
        QueryMetrics metrics, ILogger<HttpLog> log)
    {
        if (ApplyUploadLimit(context, options) is { } tooLarge)
        {
            return tooLarge;
        }

        var (upload, error, reason) = await ModelUploadReader.ReadAsync(context.Request.Body, context.Request.ContentType,
            SpoolDirectory(options), options.MaxUploadBytes, context.RequestAborted);
        if (upload is null)
        {
            return error == UploadError.TooLarge ? HttpProblems.Status(413, reason!) : HttpProblems.Status(400, reason!);
        }

        using (upload)
        {
            var problems = new List<ValidationProblem>();
            if (upload.ModelPath is null || upload.ModelBytes == 0)
            {
                problems.Add(new ValidationProblem("model", "no ONNX file: send it as the multipart part 'model'", "missing_model"));
            }

            ModelManifest? manifest = null;
            if (upload.ManifestJson is null)
            {
                problems.Add(new ValidationProblem("manifest", "no manifest: send the manifest JSON as the multipart part 'manifest'", "missing_manifest"));
            }
            else if (!ModelStore.TryParseManifest(upload.ManifestJson, out manifest, out var parseProblems))
            {
                problems.AddRange(parseProblems);
            }

            if (problems.Count > 0 || manifest is null)
            {
                return HttpProblems.FromValidation(problems);
            }

            var replace = !upload.Fields.TryGetValue("replace", out var r) || !bool.TryParse(r, out var rv) || rv;
            RegistrationResult result;
            await using (var onnx = new FileStream(upload.ModelPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false))
            {
                // validation loads the graph (ONNX Runtime): blocking work, off the request thread
                result = await Task.Run(() => store.Register(manifest, onnx, upload.Assets, replace), context.RequestAborted);
            }

            if (!result.Succeeded)
            {
                HttpLog.ModelRejected(log, manifest.Name, string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
                return result.Problems.Any(p => p.Code == "duplicate_name")
                    ? Results.Problem(statusCode: 409, title: "Conflict",
                        detail: result.Problems.First(p => p.Code == "duplicate_name").Message)
                    : HttpProblems.FromValidation(result.Problems);
            }

            var stored = result.Stored!;
            metrics.RecordRegistration();
            HttpLog.ModelRegistered(log, stored.Name, stored.Version, stored.SizeBytes);
            return Results.Created($"/api/models/{stored.Name}", ModelVersionDto.From(stored));
        }
    }

    private static async Task<IResult> InspectAsync(HttpContext context, HttpApiOptions options)
    {
        if (ApplyUploadLimit(context, options) is { } tooLarge)
        {
            return tooLarge;
        }

        ModelUpload? upload;
        if (ModelUploadReader.BoundaryOf(context.Request.ContentType) is not null)
        {
            (upload, var error, var reason) = await ModelUploadReader.ReadAsync(context.Request.Body,
                context.Request.ContentType, SpoolDirectory(options), options.MaxUploadBytes, context.RequestAborted);
            if (upload is null)
            {
                return error == UploadError.TooLarge ? HttpProblems.Status(413, reason!) : HttpProblems.Status(400, reason!);
            }
        }
        else
        {
            upload = await SpoolRawBodyAsync(context, options);
            if (upload is null)
            {
                return HttpProblems.Status(413, $"the upload is larger than {options.MaxUploadBytes} bytes");
            }
        }

        using (upload)
        {
            if (upload.ModelPath is null || upload.ModelBytes == 0)
            {
                return HttpProblems.Status(400, "no ONNX file: send it as the body or as the multipart part 'model'");
            }

            var inspector = ModelRuntime.CreateInspector();
            var path = upload.ModelPath;
            var (ok, info, reason) = await Task.Run(() => (inspector.TryInspect(path, out var i, out var e), i, e));
            return ok && info is not null
                ? Results.Ok(new InspectResponse(info.Inputs, info.Outputs, info.Initializers, upload.ModelBytes))
                : HttpProblems.Status(400, "not a loadable ONNX file: " + (reason ?? "unknown reason"));
        }
    }

    private static async Task<ModelUpload?> SpoolRawBodyAsync(HttpContext context, HttpApiOptions options)
    {
        var upload = new ModelUpload();
        var directory = SpoolDirectory(options);
        Directory.CreateDirectory(directory);
        upload.ModelPath = Path.Combine(directory, $"deepsql-inspect-{Guid.NewGuid():N}.onnx");
        try
        {
            await using var file = new FileStream(upload.ModelPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, true);
            var buffer = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                upload.ModelBytes += read;
                if (upload.ModelBytes > options.MaxUploadBytes)
                {
                    upload.Dispose();
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            upload.Dispose();
            return null;
        }

        return upload;
    }
}

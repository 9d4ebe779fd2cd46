using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DeepSql.Server.Http;

/// <summary>An example body for the OpenAPI document, attached to an endpoint with <see cref="OpenApiExamples"/>.</summary>
/// <param name="Status">Response status it belongs to, or 0 for the request body.</param>
/// <param name="ContentType">Media type it belongs to.</param>
/// <param name="Json">The example as JSON text.</param>
public sealed record OpenApiExampleMetadata(int Status, string ContentType, string Json);

/// <summary>Which credentials an endpoint takes (documented as an OpenAPI security requirement).</summary>
/// <param name="Scheme">"adminToken" or "basic".</param>
public sealed record OpenApiAuthMetadata(string Scheme);

/// <summary>Attaches examples to endpoints.</summary>
public static class OpenApiExamples
{
    /// <summary>An example request body.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string json, string contentType = "application/json")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiExampleMetadata(0, contentType, json));

    /// <summary>An example response body.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int status, string json, string contentType = "application/json")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiExampleMetadata(status, contentType, json));
}

/// <summary>Title, security schemes, requirements and examples of the OpenAPI document.</summary>
internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, ct) =>
        {
            document.Info.Title = "DeepSQL";
            document.Info.Description =
                "Trained deep-learning networks as SQL functions. Register ONNX models with a manifest, then call them from SQL " +
                "(POST /api/query) or directly (POST /api/predict/{function}). Changing models needs the admin token; " +
                "queries need HTTP Basic with a DeepSQL user (loopback is trusted when no users are configured).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["adminToken"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The admin token (also accepted as X-Admin-Token, or the admin page's login cookie).",
            };
            document.Components.SecuritySchemes["basic"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "A DeepSQL user, the same as on the Postgres port.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            foreach (var auth in metadata.OfType<OpenApiAuthMetadata>().DistinctBy(a => a.Scheme))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(auth.Scheme, context.Document)] = [],
                });
            }

            foreach (var example in metadata.OfType<OpenApiExampleMetadata>())
            {
                var content = example.Status == 0
                    ? operation.RequestBody?.Content
                    : operation.Responses?.TryGetValue(example.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                        ? response.Content
                        : null;
                if (content is not null && content.TryGetValue(example.ContentType, out var media))
                {
                    media.Example = JsonNode.Parse(example.Json);
                }
            }

            return Task.CompletedTask;
        });
    }
}

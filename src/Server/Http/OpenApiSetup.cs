using Microsoft.AspNetCore.OpenApi;

namespace DeepSql.Server.Http;

/// <summary>Title, security schemes and request/response examples of the OpenAPI document.</summary>
internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, ct) =>
        {
            document.Info.Title = "DeepSQL";
            document.Info.Description = "Trained deep-learning networks as SQL functions: register ONNX models, query with SQL.";
            return Task.CompletedTask;
        });
    }
}

using System.Reflection;
using DeepSql.Server.Http;
using DeepSql.Server.Observability;
using Microsoft.AspNetCore.StaticFiles;

namespace DeepSql.Server.Admin;

/// <summary>Body of POST /admin/login.</summary>
public sealed record AdminLoginRequest(string Token);

/// <summary>
/// The admin page: static files embedded in the assembly under admin/, plus login/logout that set the HttpOnly cookie
/// the API accepts in place of the token. The page shell is public; everything it shows comes from token-protected APIs.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly Assembly Assembly = typeof(AdminEndpoints).Assembly;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags("Admin");
        admin.MapGet("/", () => Asset("index.html")).ExcludeFromDescription();
        admin.MapGet("/{file}", (string file) => Asset(file)).ExcludeFromDescription();

        admin.MapPost("/login", (AdminLoginRequest request, HttpAuth auth, HttpContext context, ILogger<HttpLog> log) =>
            {
                if (!auth.IsAdminToken(request.Token))
                {
                    HttpLog.AdminLoginRefused(log, context.Connection.RemoteIpAddress?.ToString());
                    return HttpProblems.Status(401, "wrong admin token");
                }

                context.Response.Cookies.Append(HttpAuth.CookieName, auth.CookieValue, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                    MaxAge = TimeSpan.FromHours(12),
                });
                return Results.NoContent();
            })
            .WithName("AdminLogin").WithSummary("Exchange the admin token for the admin page's cookie")
            .Produces(204).ProducesProblem(401);

        admin.MapPost("/logout", (HttpContext context) =>
            {
                context.Response.Cookies.Delete(HttpAuth.CookieName, new CookieOptions { Path = "/" });
                return Results.NoContent();
            })
            .WithName("AdminLogout").WithSummary("Forget the admin cookie").Produces(204);

        admin.MapGet("/session", (HttpAuth auth, HttpContext context) => Results.Ok(new { admin = auth.IsAdmin(context) }))
            .WithName("AdminSession").WithSummary("Whether this browser is logged in").Produces(200);
    }

    private static IResult Asset(string file)
    {
        // only names of embedded resources can be served: no paths, no file system
        var stream = file.Contains('/', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal)
            ? null
            : Assembly.GetManifestResourceStream("admin/" + file);
        if (stream is null)
        {
            return HttpProblems.Status(404, $"no admin file '{file}'");
        }

        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        return Results.Stream(stream, contentType);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http;

/// <summary>
/// Who may call what. Admin: the admin token as <c>Authorization: Bearer</c>, <c>X-Admin-Token</c> or the admin
/// page's login cookie. Query: HTTP Basic with the Postgres port's users; with none configured, loopback is trusted.
/// An admin is also allowed to query.
/// </summary>
public sealed class HttpAuth(HttpApiOptions options)
{
    /// <summary>Cookie the admin page's login sets (HttpOnly, SameSite=Strict).</summary>
    public const string CookieName = "deepsql_admin";

    /// <summary>Item key under which the authenticated user name is kept for the request.</summary>
    public const string UserItem = "deepsql.user";

    private readonly HttpApiOptions _options = options;
    private readonly byte[] _tokenDigest = SHA256.HashData(Encoding.UTF8.GetBytes(options.AdminToken));

    /// <summary>The value the login cookie carries: a digest of the token, never the token itself.</summary>
    public string CookieValue => Convert.ToHexStringLower(SHA256.HashData(_tokenDigest));

    /// <summary>True when <paramref name="token"/> is the admin token (fixed-time compare).</summary>
    public bool IsAdminToken(string? token) =>
        _options.AdminToken.Length > 0 && token is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _tokenDigest);

    /// <summary>True when the request carries the admin token or the login cookie.</summary>
    public bool IsAdmin(HttpContext context)
    {
        if (_options.AdminToken.Length == 0)
        {
            return false;
        }

        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && IsAdminToken(authorization[7..].Trim()))
        {
            return true;
        }

        if (request.Headers.TryGetValue("X-Admin-Token", out var header) && IsAdminToken(header.ToString()))
        {
            return true;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(CookieValue));
    }

    /// <summary>The user a query runs as, or null when the request is not allowed to query.</summary>
    public string? QueryUser(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return TryBasic(authorization[6..].Trim(), out var user) ? user : null;
        }

        if (IsAdmin(context))
        {
            return _options.DefaultUser;
        }

        if (_options.Users.Count == 0 && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return _options.DefaultUser;
        }

        return null;
    }

    private bool TryBasic(string encoded, out string? user)
    {
        user = null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_options.Users.TryGetValue(decoded[..colon], out var password))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(decoded[(colon + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(Encoding.UTF8.GetBytes(password))))
        {
            return false;
        }

        user = decoded[..colon];
        return true;
    }
}

/// <summary>Endpoint filters that apply <see cref="HttpAuth"/>.</summary>
public static class HttpAuthFilters
{
    /// <summary>401 unless the caller holds the admin token.</summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiAuthMetadata("adminToken")).AddEndpointFilter(async (context, next) =>
        {
            var auth = context.HttpContext.RequestServices.GetRequiredService<HttpAuth>();
            if (!auth.IsAdmin(context.HttpContext))
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"deepsql-admin\"";
                return HttpProblems.Status(401, "This endpoint needs the admin token (Authorization: Bearer …, X-Admin-Token or the admin page login).");
            }

            context.HttpContext.Items[HttpAuth.UserItem] = "admin";
            return await next(context);
        });

    /// <summary>401 unless the caller may query (Basic user, trusted loopback or admin).</summary>
    public static TBuilder RequireQueryUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiAuthMetadata("basic")).AddEndpointFilter(async (context, next) =>
        {
            var auth = context.HttpContext.RequestServices.GetRequiredService<HttpAuth>();
            var user = auth.QueryUser(context.HttpContext);
            if (user is null)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"deepsql\", charset=\"UTF-8\"";
                return HttpProblems.Status(401, "Sign in with HTTP Basic as a DeepSQL user.", SqlStates.InvalidAuthorizationSpecification);
            }

            context.HttpContext.Items[HttpAuth.UserItem] = user;
            return await next(context);
        });

    /// <summary>The user the filters authenticated.</summary>
    public static string UserOf(HttpContext context) => context.Items[HttpAuth.UserItem] as string ?? "analyst";
}

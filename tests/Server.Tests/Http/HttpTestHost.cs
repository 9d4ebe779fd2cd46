using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DeepSql.Registry;
using DeepSql.Server.Http;
using DeepSql.Server.Sql;
using DeepSql.Udf;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace DeepSql.Server.Tests.Http;

/// <summary>
/// The HTTP API on 127.0.0.1 with a free port over the real parts: DuckDB engine, model store, ONNX Runtime,
/// the CREATE MODEL interceptor. One per test class (xunit class fixture); each class uses its own model names.
/// </summary>
public sealed class HttpTestHost : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token";
    public const string User = "alice";
    public const string Password = "s3cret";
    public const long MaxUploadBytes = 256 * 1024;

    private WebApplication? _app;
    private DuckDbEngine? _engine;
    private ModelRuntime? _runtime;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("deepsql-http-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public ModelStore Store { get; private set; } = null!;

    public ServiceHealth Health { get; } = new();

    public async Task InitializeAsync()
    {
        _engine = new DuckDbEngine(new DuckDbEngineOptions { AllowedDirectories = [Directory], Threads = 2 });
        Store = new ModelStore(Path.Combine(Directory, "models"), ModelRuntime.CreateInspector(), _engine.IsBuiltinFunction);
        _runtime = new ModelRuntime(Store, _engine, new RuntimeOptions { IntraOpThreads = 1 });
        _runtime.Start();
        var interceptor = new ModelStatementInterceptor(Store, _runtime);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Store);
        builder.Services.AddSingleton(_runtime);
        builder.Services.AddSingleton<IQueryEngine>(_engine);
        builder.Services.AddSingleton(interceptor);
        builder.Services.AddSingleton<IStatementInterceptor>(interceptor);
        builder.Services.AddSingleton(Health);
        builder.Services.AddDeepSqlHttp(new HttpApiOptions
        {
            AdminToken = AdminToken,
            MaxUploadBytes = MaxUploadBytes,
            Users = new Dictionary<string, string> { [User] = Password },
            SpoolDirectory = Path.Combine(Directory, "spool"),
        });
        _app = builder.Build();
        _app.MapDeepSqlHttp();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A client that sends the admin token.</summary>
    public HttpClient Admin()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>A client signed in with HTTP Basic as <see cref="User"/>.</summary>
    public HttpClient Analyst(string password = Password)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}")));
        return client;
    }

    /// <summary>Registers the tiny color classifier under <paramref name="name"/> through the API.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(string name, byte[]? onnx = null, string? manifest = null)
    {
        using var client = Admin();
        return await client.PostAsync("/api/models", Upload(onnx ?? TinyColorModel.Build(), manifest ?? TinyColorModel.Manifest(name)));
    }

    public static MultipartFormDataContent Upload(byte[] onnx, string manifest)
    {
        var form = new MultipartFormDataContent();
        var model = new ByteArrayContent(onnx);
        model.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(model, "model", "model.onnx");
        form.Add(new StringContent(manifest, Encoding.UTF8, "application/json"), "manifest");
        return form;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _runtime?.Dispose();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by the native engine; the temp folder is cleaned later
        }
    }
}

using Xunit;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Engines.DuckDb;

namespace DeepSql.Udf.Tests.Engines;

/// <summary>A real DuckDB engine on a database file in a fresh temp folder, with one allowed files folder.</summary>
public sealed class DuckDbEngineFixture : IAsyncLifetime
{
    private static int _nextSession = 1000;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "deepsql-engine-" + Guid.NewGuid().ToString("N"));

    public string DataDir => Path.Combine(Root, "data");

    public string FilesDir => Path.Combine(Root, "files");

    public DuckDbEngine Engine { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(FilesDir);
        Engine = new DuckDbEngine(new DuckDbEngineOptions
        {
            DatabasePath = Path.Combine(DataDir, "deepsql.duckdb"),
            AllowedDirectories = [DataDir, FilesDir],
            Threads = 2,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    public IEngineSession Open(out SessionContext context)
    {
        context = new SessionContext { SessionId = Interlocked.Increment(ref _nextSession) };
        return Engine.OpenSession(context);
    }

    public IEngineSession Open() => Open(out _);
}

internal static class EngineTestExtensions
{
    /// <summary>Runs a statement and reads every row.</summary>
    public static List<object?[]> Rows(this IEngineSession session, string sql, params object?[] parameters)
    {
        using var result = session.Execute(sql, parameters.Length == 0 ? null : parameters);
        var rows = new List<object?[]>();
        while (result.TryReadBatch(1000, out var batch))
        {
            rows.AddRange(batch.Rows);
        }

        return rows;
    }

    /// <summary>Runs a statement returning one value.</summary>
    public static object? Scalar(this IEngineSession session, string sql, params object?[] parameters) =>
        Assert.Single(session.Rows(sql, parameters))[0];

    /// <summary>Runs a statement that must fail, and returns its EngineException.</summary>
    public static EngineException Fails(this IEngineSession session, string sql) =>
        Assert.Throws<EngineException>(() => session.Rows(sql));
}

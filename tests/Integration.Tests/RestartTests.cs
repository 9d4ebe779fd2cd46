using System.Net;
using System.Net.Http.Headers;
using DeepSql.Server.Hosting;
using DeepSql.TestSupport;
using Npgsql;

namespace DeepSql.Integration.Tests;

/// <summary>The store and the tables survive a restart of the service on the same data folder.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Models_and_tables_are_there_after_a_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "deepsql-restart-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new ServiceOptions
        {
            PgPort = 0,
            HttpPort = 0,
            DataDir = dataDir,
            AdminToken = "restart-token",
            FashionMnistDir = "/nonexistent",
        };
        try
        {
            await using (var first = await DeepSqlHost.StartAsync(options, logging: b => b.AddFilter(_ => false)))
            {
                await first.Ready;
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{first.HttpPort}") };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "restart-token");
                var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(TinyModels.ColorClassifier()), "model", "model.onnx" },
                    { new StringContent(Manifests.ColorClassifier("kept_color")), "manifest" },
                };
                using var r = await http.PostAsync("/api/models", form);
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={first.PgPort};Username=analyst;Pooling=false");
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE TABLE kept(i INTEGER); INSERT INTO kept VALUES (1), (2), (3)", conn);
                await cmd.ExecuteNonQueryAsync();
            }

            await using var second = await DeepSqlHost.StartAsync(options, logging: b => b.AddFilter(_ => false));
            await second.Ready;
            Assert.True(second.Health.IsHealthy);
            await using var conn2 = new NpgsqlConnection($"Host=127.0.0.1;Port={second.PgPort};Username=analyst;Pooling=false");
            await conn2.OpenAsync();
            await using var q = new NpgsqlCommand("SELECT kept_color($1), (SELECT sum(i) FROM kept)", conn2);
            q.Parameters.AddWithValue(TestImages.Solid(TestImages.Blue));
            await using var reader = await q.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("blue", reader.GetString(0));
            Assert.Equal(6L, Convert.ToInt64(reader.GetValue(1)));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}

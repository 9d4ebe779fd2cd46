using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Processing;
using DeepSql.Udf.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace DeepSql.Server.Tests.Sql;

/// <summary>CREATE MODEL end to end: real DuckDB, real ONNX Runtime, a featurizer built in the test.</summary>
public sealed class CreateModelTests : IClassFixture<ModelTestHost>
{
    private readonly ModelTestHost _host;

    public CreateModelTests(ModelTestHost host)
    {
        _host = host;
    }

    [Fact]
    public void Create_model_learns_coloured_drawings_and_predicts_new_ones_in_another_session()
    {
        using var session = _host.OpenSession();
        ModelTestHost.CreateDrawings(session, "colours_train", perColour: 20, seed: 1);
        var interceptor = _host.Interceptor(new TrainingOptions { BatchRows = 256 });

        using var created = interceptor.TryExecute("""
            CREATE MODEL predict_colour
              FROM (SELECT image, label FROM colours_train)
              USING featurize
              WITH (epochs = 30, l2 = 0.0001, validation = 0.2, seed = 42)
            """, session, CancellationToken.None);

        Assert.NotNull(created);
        Assert.Equal("CREATE MODEL", created.StatementKind);
        Assert.False(created.ReturnsRows);
        var notices = session.Context.DrainNotices();
        foreach (var percent in new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 })
        {
            Assert.Contains(notices, n => n.StartsWith("featurize: ", StringComparison.Ordinal) && n.Contains($"({percent}%)"));
        }

        Assert.Contains(notices, n => n.StartsWith("epoch 30/30: loss ", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains("train accuracy 1.000, validation accuracy 1.000"));

        using var other = _host.OpenSession();
        ModelTestHost.CreateDrawings(other, "colours_test", perColour: 10, seed: 99);
        var rows = ModelTestHost.Rows(other,
            "SELECT predict_colour(image), label, predict_colour_topk(image, 2), predict_colour_scores(image) FROM colours_test");
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(r[1], r[0]));

        Assert.True(_host.Store.TryResolve("predict_colour", out var stored));
        Assert.Equal(["blue", "green", "red"], stored!.Manifest.Labels);
        Assert.Equal("scores", stored.Manifest.Output.Tensor);
        Assert.Equal("MeanImage", stored.Manifest.Input.Mean!.Initializer);
        var lineage = stored.Manifest.Lineage!.Value;
        Assert.Equal("featurize", lineage.GetProperty("backbone").GetString());
        Assert.Equal(1, lineage.GetProperty("backbone_version").GetInt32());
        Assert.Equal("SELECT image, label FROM colours_train", lineage.GetProperty("query").GetString());
        Assert.Equal(60, lineage.GetProperty("rows_used").GetInt32());
        Assert.Equal(0, lineage.GetProperty("rows_skipped").GetInt32());
        Assert.Equal(48, lineage.GetProperty("train_rows").GetInt32());
        Assert.Equal(12, lineage.GetProperty("validation_rows").GetInt32());
        Assert.Equal(1.0, lineage.GetProperty("train_accuracy").GetDouble());
        Assert.Equal(1.0, lineage.GetProperty("validation_accuracy").GetDouble());
        Assert.Equal(30, lineage.GetProperty("epochs").GetInt32());
        Assert.Equal(42, lineage.GetProperty("seed").GetInt32());
        Assert.Equal(0.0001, lineage.GetProperty("l2").GetDouble());
        Assert.True(lineage.GetProperty("features_per_second").GetDouble() > 0);
    }

    [Fact]
    public void Stored_model_file_gives_the_function_scores_in_a_fresh_inference_session()
    {
        using var session = _host.OpenSession();
        ModelTestHost.CreateDrawings(session, "fresh_train", perColour: 8, seed: 2);
        var interceptor = _host.Interceptor();
        using (interceptor.TryExecute("CREATE MODEL fresh_colour FROM (SELECT * FROM fresh_train) WITH (epochs = 10)",
                   session, CancellationToken.None))
        {
        }

        var rows = ModelTestHost.Rows(session, "SELECT image, fresh_colour_scores(image) FROM fresh_train LIMIT 6");
        Assert.True(_host.Store.TryResolve("fresh_colour", out var stored));
        var meanImage = Enumerable.Repeat(0.5f, 3 * 64).ToArray();
        var spec = ImageSpec.FromManifest(stored!.Manifest.Input, meanImage);
        var input = new float[rows.Count * spec.ElementCount];
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.True(ImagePreprocessor.TryPreprocess((byte[])rows[r][0]!, spec,
                input.AsSpan(r * spec.ElementCount, spec.ElementCount), out _));
        }

        using var fresh = new InferenceSession(stored.OnnxPath);
        using var results = fresh.Run([NamedOnnxValue.CreateFromTensor("image",
            new DenseTensor<float>(input, [rows.Count, 3, 8, 8]))]);
        var scores = results.Single().AsTensor<float>();
        for (var r = 0; r < rows.Count; r++)
        {
            // f_scores returns the probabilities in the order of the manifest's labels.
            var fromSql = Assert.IsType<float[]>(rows[r][1]);
            Assert.Equal(3, fromSql.Length);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(scores[r, k], fromSql[k], 1e-5);
            }
        }
    }

    [Fact]
    public void Or_replace_adds_a_version_and_show_models_reports_it()
    {
        using var session = _host.OpenSession();
        ModelTestHost.CreateDrawings(session, "versions_train", perColour: 4, seed: 3);
        var interceptor = _host.Interceptor();
        const string create = "CREATE MODEL versioned FROM (SELECT image, label FROM versions_train) WITH (epochs = 5, validation = 0)";
        using (interceptor.TryExecute(create, session, CancellationToken.None))
        {
        }

        var duplicate = Assert.Throws<EngineException>(() => interceptor.TryExecute(create, session, CancellationToken.None));
        Assert.Equal("42710", duplicate.SqlState);

        using (interceptor.TryExecute(create.Replace("CREATE MODEL", "CREATE OR REPLACE MODEL", StringComparison.Ordinal),
                   session, CancellationToken.None))
        {
        }

        using var show = interceptor.TryExecute("SHOW MODELS", session, CancellationToken.None)!;
        Assert.Equal(["name", "task", "version", "versions", "backbone", "train_accuracy", "validation_accuracy", "rows", "created"],
            show.Columns.Select(c => c.Name));
        Assert.True(show.TryReadBatch(100, out var batch));
        var row = batch.Rows.Single(r => (string)r[0]! == "versioned");
        Assert.Equal("classify", row[1]);
        Assert.Equal(2, row[2]);
        Assert.Equal(2, row[3]);
        Assert.Equal("featurize", row[4]);
        Assert.Equal(1.0, row[5]);
        Assert.Null(row[6]);
        Assert.Equal(12L, row[7]);
        Assert.IsType<DateTimeOffset>(row[8]);
        var backbone = batch.Rows.Single(r => (string)r[0]! == "featurize");
        Assert.Equal("featurize", backbone[1]);
        Assert.Null(backbone[4]);
    }

    [Fact]
    public void Drop_model_removes_the_function_and_a_missing_name_is_42704_unless_if_exists()
    {
        using var session = _host.OpenSession();
        ModelTestHost.CreateDrawings(session, "drop_train", perColour: 3, seed: 4);
        var interceptor = _host.Interceptor();
        using (interceptor.TryExecute("CREATE MODEL dropped FROM (SELECT image, label FROM drop_train) WITH (epochs = 3)",
                   session, CancellationToken.None))
        {
        }

        Assert.Equal(9, ModelTestHost.Rows(session, "SELECT dropped(image) FROM drop_train").Count);

        using (var drop = interceptor.TryExecute("DROP MODEL dropped", session, CancellationToken.None))
        {
            Assert.Equal("DROP MODEL", drop!.StatementKind);
        }

        Assert.False(_host.Store.TryGet("dropped", out _));
        var gone = Assert.Throws<EngineException>(() => ModelTestHost.Rows(session, "SELECT dropped(image) FROM drop_train"));
        Assert.Equal("42883", gone.SqlState);
        var missing = Assert.Throws<EngineException>(() => interceptor.TryExecute("DROP MODEL dropped", session, CancellationToken.None));
        Assert.Equal("42704", missing.SqlState);
        using (interceptor.TryExecute("DROP MODEL IF EXISTS dropped", session, CancellationToken.None))
        {
        }
    }

    [Fact]
    public async Task Train_async_shares_the_job_and_reports_the_lineage_numbers()
    {
        using var session = _host.OpenSession();
        ModelTestHost.CreateDrawings(session, "http_train", perColour: 5, seed: 5);
        var interceptor = _host.Interceptor();
        var lines = new List<string>();

        var report = await interceptor.TrainAsync(new TrainRequest
        {
            Name = "http_colour", Query = "SELECT label, image FROM http_train", Epochs = 4, Seed = 7,
        }, session, new SynchronousProgress(lines), CancellationToken.None);

        Assert.Equal("http_colour", report.Model.Name);
        Assert.Equal(1, report.Model.Version);
        Assert.Equal(15, report.RowsUsed);
        Assert.Equal(["blue", "green", "red"], report.Classes);
        Assert.Equal(4, report.Settings.Epochs);
        Assert.Equal(7, report.Settings.Seed);
        Assert.Equal(1, report.BackboneVersion);
        Assert.Contains(lines, l => l.StartsWith("epoch 4/4", StringComparison.Ordinal));
        Assert.DoesNotContain(session.Context.DrainNotices(), n => n.StartsWith("epoch", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_statements_are_declined()
    {
        using var session = _host.OpenSession();
        var interceptor = _host.Interceptor();

        Assert.Null(interceptor.TryExecute("SELECT 'CREATE MODEL x FROM (SELECT 1)'", session, CancellationToken.None));
        Assert.Null(interceptor.TryExecute("CREATE TABLE model (x INT)", session, CancellationToken.None));
    }

    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}

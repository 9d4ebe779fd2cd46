using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Training;
using Xunit;

namespace DeepSql.Server.Tests.Sql;

/// <summary>Every refusal has its SQLSTATE and registers nothing.</summary>
public sealed class CreateModelErrorTests : IClassFixture<ModelTestHost>
{
    private readonly ModelTestHost _host;

    public CreateModelErrorTests(ModelTestHost host)
    {
        _host = host;
        using var session = host.OpenSession();
        if (ModelTestHost.Rows(session, "SELECT 1 FROM information_schema.tables WHERE table_name = 'errs'").Count == 0)
        {
            ModelTestHost.CreateDrawings(session, "errs", perColour: 3, seed: 10);
        }
    }

    [Theory]
    [InlineData("CREATE MODEL e1 FROM (SELECT image, label FROM errs) USING nosuch", "42883")]
    [InlineData("CREATE MODEL e2 FROM (SELECT label FROM errs)", "42703")]
    [InlineData("CREATE MODEL e3 FROM (SELECT image FROM errs)", "42703")]
    [InlineData("CREATE MODEL e4 FROM (SELECT image, label AS lbl FROM errs)", "42703")]
    [InlineData("CREATE MODEL e5 FROM (SELECT image, 'same' AS label FROM errs)", "22023")]
    [InlineData("CREATE MODEL e6 FROM (SELECT image, label FROM errs UNION ALL SELECT image, 'lonely' FROM errs LIMIT 10)", "22023")]
    [InlineData("CREATE MODEL e7 FROM (SELECT image, label FROM errs) WITH (epoch = 3)", "42601")]
    [InlineData("CREATE MODEL e8 FROM (SELECT image, label FROM errs) WITH (validation = 2)", "22023")]
    [InlineData("CREATE MODEL e9 FROM (SELECT image, label FROM errs) WITH (epochs = 'many')", "22023")]
    [InlineData("CREATE MODEL e10 FROM (SELECT image, label FROM errs) WITH (epochs = 2.5)", "22023")]
    [InlineData("CREATE MODEL e11 FROM (SELECT image, label FROM errs) WITH (epochs = 0)", "22023")]
    [InlineData("CREATE MODEL e12 FROM (SELECT image, label FROM errs) WITH (l2 = -1)", "22023")]
    [InlineData("CREATE MODEL e13 FROM (SELECT image, label FROM no_such_table)", "42P01")]
    [InlineData("CREATE MODEL featurize FROM (SELECT image, label FROM errs)", "42710")]
    [InlineData("CREATE OR REPLACE MODEL featurize FROM (SELECT image, label FROM errs)", "22023")]
    [InlineData("CREATE MODEL e14 FROM (SELECT image, label FROM errs) WITH (seed = 1", "42601")]
    public void Refusal_has_its_sqlstate_and_registers_nothing(string sql, string sqlState)
    {
        using var session = _host.OpenSession();
        var before = _host.Store.List().Select(e => (e.Name, e.Versions.Count)).ToList();

        var error = Assert.Throws<EngineException>(() =>
            _host.Interceptor().TryExecute(sql, session, CancellationToken.None));

        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(before, _host.Store.List().Select(e => (e.Name, e.Versions.Count)).ToList());
    }

    [Fact]
    public void Unknown_option_names_its_position()
    {
        using var session = _host.OpenSession();
        const string sql = "CREATE MODEL e20 FROM (SELECT image, label FROM errs) WITH (epochs = 2, colour = 'red')";

        var error = Assert.Throws<EngineException>(() => _host.Interceptor().TryExecute(sql, session, CancellationToken.None));

        Assert.Equal("42601", error.SqlState);
        Assert.Equal(sql.IndexOf("colour", StringComparison.Ordinal) + 1, error.Data[ModelStatementParser.PositionKey]);
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_labels_are_skipped_and_counted_in_a_notice()
    {
        using var session = _host.OpenSession();
        const string sql = """
            CREATE MODEL with_nulls FROM (
              SELECT image, label FROM errs UNION ALL SELECT image, NULL FROM errs WHERE label = 'red')
            WITH (epochs = 3)
            """;

        using (_host.Interceptor().TryExecute(sql, session, CancellationToken.None))
        {
        }

        Assert.Contains("skipped 3 rows with a NULL label", session.Context.DrainNotices());
        Assert.True(_host.Store.TryResolve("with_nulls", out var stored));
        var lineage = stored!.Manifest.Lineage!.Value;
        Assert.Equal(9, lineage.GetProperty("rows_used").GetInt32());
        Assert.Equal(3, lineage.GetProperty("rows_skipped").GetInt32());
    }

    [Fact]
    public void Integer_labels_become_text_labels_in_ordinal_order()
    {
        using var session = _host.OpenSession();
        const string sql = """
            CREATE MODEL numbered FROM (
              SELECT image, CASE label WHEN 'red' THEN 10 WHEN 'green' THEN 2 ELSE 3 END AS label FROM errs)
            WITH (epochs = 20, validation = 0)
            """;

        using (_host.Interceptor().TryExecute(sql, session, CancellationToken.None))
        {
        }

        Assert.True(_host.Store.TryResolve("numbered", out var stored));
        Assert.Equal(["10", "2", "3"], stored!.Manifest.Labels);
        var rows = ModelTestHost.Rows(session,
            "SELECT numbered(image), CASE label WHEN 'red' THEN '10' WHEN 'green' THEN '2' ELSE '3' END FROM errs");
        Assert.All(rows, r => Assert.Equal(r[1], r[0]));
    }

    [Fact]
    public void Undecodable_images_are_skipped_and_counted()
    {
        using var session = _host.OpenSession();
        const string sql = """
            CREATE MODEL with_junk FROM (
              SELECT image, label FROM errs UNION ALL SELECT 'not an image'::BLOB, 'red' UNION ALL SELECT NULL::BLOB, 'blue')
            WITH (epochs = 3)
            """;

        using (_host.Interceptor().TryExecute(sql, session, CancellationToken.None))
        {
        }

        Assert.Contains("skipped 2 rows whose image could not be read", session.Context.DrainNotices());
        Assert.True(_host.Store.TryResolve("with_junk", out var stored));
        Assert.Equal(2, stored!.Manifest.Lineage!.Value.GetProperty("rows_undecodable").GetInt32());
    }

    [Fact]
    public void Cancel_during_feature_extraction_is_57014_and_registers_nothing()
    {
        using var session = _host.OpenSession();
        using var cts = new CancellationTokenSource();
        var batches = 0;
        var interceptor = new ModelStatementInterceptor(_host.Store, (model, rows, context) =>
        {
            // Cancel as the second batch is featurized, as a client's cancel request would arrive mid-statement.
            if (++batches == 2)
            {
                cts.Cancel();
            }

            return _host.Runtime.Run(model, rows, context);
        }, new TrainingOptions { BatchRows = 2 });

        var error = Assert.Throws<EngineException>(() => interceptor.TryExecute(
            "CREATE MODEL cancelled FROM (SELECT image, label FROM errs)", session, cts.Token));

        Assert.Equal("57014", error.SqlState);
        Assert.Equal(2, batches);
        Assert.False(_host.Store.TryGet("cancelled", out _));
    }

    [Fact]
    public async Task Cancel_through_the_session_statement_token_during_training_registers_nothing()
    {
        using var session = _host.OpenSession();
        using var cts = new CancellationTokenSource();
        session.Context.StatementCancellation = cts.Token;
        var progress = new CancelOnEpoch(cts, epoch: 5);
        var interceptor = _host.Interceptor();

        var error = await Assert.ThrowsAsync<EngineException>(() => interceptor.TrainAsync(new TrainRequest
        {
            Name = "cancelled_training", Query = "SELECT image, label FROM errs", Epochs = 50,
        }, session, progress, CancellationToken.None));

        Assert.Equal("57014", error.SqlState);
        Assert.False(_host.Store.TryGet("cancelled_training", out _));
    }

    private sealed class CancelOnEpoch(CancellationTokenSource cts, int epoch) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.StartsWith($"epoch {epoch}/", StringComparison.Ordinal))
            {
                cts.Cancel();
            }
        }
    }
}

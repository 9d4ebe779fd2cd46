using DeepSql.TestSupport;
using DeepSql.Udf.Engines;
using SkiaSharp;

namespace DeepSql.Udf.Tests;

public sealed class ClassifyFunctionTests : IDisposable
{
    private static readonly double s_top = Math.E / (Math.E + 2); // softmax([1,0,0])[0]
    private static readonly double s_rest = 1 / (Math.E + 2);
    private readonly RuntimeFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Registration_makes_the_classify_family_with_its_sql_signatures()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());

        Assert.Equal(["predict_color", "predict_color_scores", "predict_color_topk"], _f.Engine.Names);
        Assert.Equal("VARCHAR", _f.Engine.Function("predict_color").ReturnType.ToString());
        Assert.Equal("STRUCT(label VARCHAR, score FLOAT)[]", _f.Engine.Function("predict_color_topk").ReturnType.ToString());
        Assert.Equal([SqlType.Blob, SqlType.Int32], _f.Engine.Function("predict_color_topk").Parameters);
        Assert.Equal("FLOAT[]", _f.Engine.Function("predict_color_scores").ReturnType.ToString());
    }

    [Fact]
    public void Red_is_red_fed_as_RGB_and_blue_fed_as_BGR()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        _f.Register(Manifests.ColorClassifier("predict_color_bgr", channels: "BGR"), TinyModels.ColorClassifier());
        object?[] images = [TestImages.Solid(TestImages.Red), TestImages.Solid(TestImages.Green), TestImages.Solid(TestImages.Blue)];

        Assert.Equal(["red", "green", "blue"], _f.Invoke("predict_color", RuntimeFixture.Session(), images));
        Assert.Equal(["blue", "green", "red"], _f.Invoke("predict_color_bgr", RuntimeFixture.Session(), images));
    }

    [Fact]
    public void Topk_is_best_first_with_exact_scores_and_ties_in_label_order()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());

        var rows = _f.Invoke("predict_color_topk", RuntimeFixture.Session(), [TestImages.Solid(TestImages.Blue), null], [2, 2]);

        var top = Assert.IsType<object?[]>(rows[0]);
        Assert.Equal(2, top.Length);
        var first = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(top[0]);
        var second = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(top[1]);
        Assert.Equal("blue", first["label"]);
        Assert.Equal(s_top, (float)first["score"]!, 5);
        Assert.Equal("red", second["label"]);
        Assert.Equal(s_rest, (float)second["score"]!, 5);
        Assert.Null(rows[1]);
    }

    [Fact]
    public void Scores_are_the_softmax_output_or_softmax_of_logits_when_the_manifest_says_so()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        var logits = Manifests.ColorClassifier("logits_color").Replace("\"output\":{\"tensor\":\"scores\"}", "\"output\":{\"tensor\":\"scores\",\"activation\":\"none\"}", StringComparison.Ordinal);
        _f.Register(logits, TinyModels.ColorClassifier(softmax: false));
        var softmaxed = Manifests.ColorClassifier("soft_color").Replace("\"output\":{\"tensor\":\"scores\"}", "\"output\":{\"tensor\":\"scores\",\"activation\":\"softmax\"}", StringComparison.Ordinal);
        _f.Register(softmaxed, TinyModels.ColorClassifier(softmax: false));
        object?[] green = [TestImages.Solid(TestImages.Green)];

        var graphSoftmax = Assert.IsType<float[]>(_f.Invoke("predict_color_scores", RuntimeFixture.Session(), green)[0]);
        var raw = Assert.IsType<float[]>(_f.Invoke("logits_color_scores", RuntimeFixture.Session(), green)[0]);
        var ours = Assert.IsType<float[]>(_f.Invoke("soft_color_scores", RuntimeFixture.Session(), green)[0]);

        Assert.Equal([s_rest, s_top, s_rest], graphSoftmax.Select(v => Math.Round(v, 5)), (a, b) => Math.Abs(a - Math.Round(b, 5)) < 1e-5);
        Assert.Equal([0f, 1f, 0f], raw.Select(v => MathF.Round(v, 4)));
        Assert.Equal(graphSoftmax, ours, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Every_image_format_gives_the_same_label()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        SKEncodedImageFormat[] formats = [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp,
            SKEncodedImageFormat.Gif, SKEncodedImageFormat.Bmp];
        var images = formats.Select(f => (object?)TestImages.Solid(TestImages.Green, 40, 30, f)).ToArray();

        Assert.Equal(Enumerable.Repeat((object?)"green", formats.Length), _f.Invoke("predict_color", RuntimeFixture.Session(), images));
    }

    [Fact]
    public void A_new_version_takes_effect_in_the_functions_already_registered()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        var before = _f.Engine.Function("predict_color");
        _f.Register(Manifests.ColorClassifier(channels: "BGR"), TinyModels.ColorClassifier());

        Assert.Equal(2, _f.Runtime.LoadedVersion("predict_color")!.Version);
        Assert.Equal(["blue"], before.Invoke([[TestImages.Solid(TestImages.Red)]], 1, RuntimeFixture.Session()));
        Assert.Equal(6, _f.Engine.Log.Count(e => e.StartsWith('+')));

        _f.Store.SetAlias("predict_color", "current", 1, out _);
        Assert.Equal(["red"], before.Invoke([[TestImages.Solid(TestImages.Red)]], 1, RuntimeFixture.Session()));
    }

    [Fact]
    public void Removing_a_model_unregisters_its_family_and_old_references_fail_with_42883()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        var function = _f.Engine.Function("predict_color_topk");

        _f.Store.Delete("predict_color");

        Assert.Empty(_f.Engine.Names);
        Assert.Equal(["-predict_color", "-predict_color_topk", "-predict_color_scores"], _f.Engine.Log.Where(e => e.StartsWith('-')));
        var e = Assert.Throws<EngineException>(() => function.Invoke([[TestImages.Solid(TestImages.Red)], [1]], 1, RuntimeFixture.Session()));
        Assert.Equal("42883", e.SqlState);
        Assert.Empty(_f.Runtime.Functions);
    }

    [Fact]
    public void Start_loads_the_models_already_in_the_store()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        var engine = new RecordingEngine();
        using var second = new ModelRuntime(new Registry.ModelStore(_f.Directory, ModelRuntime.CreateInspector()), engine, new RuntimeOptions { IntraOpThreads = 1 });

        second.Start();

        Assert.Equal(["predict_color", "predict_color_scores", "predict_color_topk"], engine.Names);
        Assert.Equal(1, second.LoadedVersion("predict_color")!.Version);
        Assert.Equal(["red"], engine.Function("predict_color").Invoke([[TestImages.Solid(TestImages.Red)]], 1, RuntimeFixture.Session()));
    }

    [Fact]
    public async Task Calls_in_flight_while_versions_are_replaced_all_complete_with_a_valid_answer()
    {
        _f.Register(Manifests.ColorClassifier(), TinyModels.ColorClassifier());
        var function = _f.Engine.Function("predict_color");
        object?[] reds = Enumerable.Range(0, 16).Select(_ => (object?)TestImages.Solid(TestImages.Red, 8, 8)).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var answers = new System.Collections.Concurrent.ConcurrentBag<string>();

        var callers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                try
                {
                    // RGB versions say red, BGR versions say blue; anything else (or an exception) is a broken swap.
                    foreach (var v in function.Invoke([reds], reds.Length, RuntimeFixture.Session(4)))
                    {
                        answers.Add((string)v!);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        })).ToArray();
        for (var v = 0; v < 6; v++)
        {
            _f.Register(Manifests.ColorClassifier(channels: v % 2 == 0 ? "BGR" : "RGB"), TinyModels.ColorClassifier());
        }

        await Task.WhenAll(callers);

        Assert.Empty(failures);
        Assert.Equal(3 * 20 * 16, answers.Count);
        Assert.All(answers, a => Assert.Contains(a, new[] { "red", "blue" }));
        Assert.Equal(7, _f.Runtime.LoadedVersion("predict_color")!.Version);
    }
}

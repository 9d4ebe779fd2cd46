using Xunit;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbFunctionTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    [Fact]
    public void Blob_function_returns_float_arrays_from_read_blob()
    {
        var dir = Path.Combine(fixture.FilesDir, "blobs");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "one.bin"), [7]);
        File.WriteAllBytes(Path.Combine(dir, "long.bin"), Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_bloblen", SqlType.Blob, SqlType.Float32List,
            (v, _) => new[] { ((byte[])v).Length, (float)((byte[])v)[^1] }));
        using var session = fixture.Open();
        using var result = session.Execute($"SELECT fn_bloblen(content) AS f FROM read_blob('{dir}/*.bin') ORDER BY filename");
        Assert.Equal("FLOAT[]", Assert.Single(result.Columns).Type.EngineName);
        Assert.True(result.TryReadBatch(10, out var batch));
        Assert.Equal(new[] { 100f, 99f }, batch.Rows[0][0]);
        Assert.Equal(new[] { 1f, 7f }, batch.Rows[1][0]);
    }

    [Fact]
    public void Invoke_gets_whole_chunks_and_every_row_comes_back()
    {
        var upper = TestFunction.Map("fn_upper", SqlType.Text, SqlType.Text, (v, _) => ((string)v).ToUpperInvariant());
        fixture.Engine.RegisterFunction(upper);
        using var session = fixture.Open();
        var rows = session.Rows("SELECT range, fn_upper('row-' || range || '-with-a-long-tail') FROM range(5000) ORDER BY range");
        Assert.Equal(5000, rows.Count);
        Assert.Equal("ROW-4999-WITH-A-LONG-TAIL", rows[4999][1]);
        Assert.Equal("ROW-7-WITH-A-LONG-TAIL", rows[7][1]);
        Assert.Equal(5000, upper.BatchSizes.Sum());
        Assert.True(upper.BatchSizes.Max() > 1, "the callback is vectorized");
        Assert.True(upper.BatchSizes.Max() <= 2048);
    }

    [Fact]
    public void Nulls_and_short_inline_strings_pass_through()
    {
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_rev", SqlType.Text, SqlType.Text, (v, _) => new string(((string)v).Reverse().ToArray())));
        using var session = fixture.Open();
        var rows = session.Rows("SELECT fn_rev(x) FROM (VALUES ('ab'), (NULL), ('héllo wörld, long enough')) t(x)");
        Assert.Equal(["ba", null, "hguone gnol ,dlröw olléh"], rows.Select(r => r[0]));
    }

    [Fact]
    public void Constant_argument_keeps_the_calling_session()
    {
        var who = TestFunction.Map("fn_who", SqlType.Text, SqlType.Text, (v, s) => $"{v}:{s.SessionId}");
        fixture.Engine.RegisterFunction(who);
        using var a = fixture.Open(out var contextA);
        using var b = fixture.Open(out var contextB);
        Assert.Equal($"abc:{contextA.SessionId}", a.Scalar("SELECT fn_who('abc')"));
        Assert.Equal($"abc:{contextB.SessionId}", b.Scalar("SELECT fn_who('abc')"));
        var many = b.Rows("SELECT fn_who('k') FROM range(3000)");
        Assert.All(many, r => Assert.Equal($"k:{contextB.SessionId}", r[0]));
    }

    [Fact]
    public void Constant_argument_runs_the_function_once_per_statement()
    {
        var once = TestFunction.Map("fn_once", SqlType.Text, SqlType.Text, (v, s) =>
        {
            s.Notice($"ran {v}");
            return v;
        });
        fixture.Engine.RegisterFunction(once);
        using var session = fixture.Open(out var context);
        Assert.Equal("c", session.Scalar("SELECT fn_once('c')"));
        Assert.Equal([1], once.BatchSizes);
        Assert.Equal(["ran c"], context.DrainNotices());
    }

    [Fact]
    public void Each_session_reaches_the_function_with_its_own_context()
    {
        var strict = TestFunction.Map("fn_strict", SqlType.Int32, SqlType.Text, (_, s) => $"{s.SessionId}/{s.Strict}");
        fixture.Engine.RegisterFunction(strict);
        using var a = fixture.Open(out var contextA);
        using var b = fixture.Open(out var contextB);
        contextA.Strict = true;
        var fromA = a.Rows("SELECT DISTINCT fn_strict(range::INTEGER) FROM range(4000)");
        var fromB = b.Rows("SELECT DISTINCT fn_strict(range::INTEGER) FROM range(4000)");
        Assert.Equal($"{contextA.SessionId}/True", Assert.Single(fromA)[0]);
        Assert.Equal($"{contextB.SessionId}/False", Assert.Single(fromB)[0]);
    }

    [Fact]
    public void Notices_go_to_the_calling_session()
    {
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_notice", SqlType.Text, SqlType.Text, (v, s) =>
        {
            s.Notice($"saw {v}");
            return v;
        }));
        using var a = fixture.Open(out var contextA);
        using var b = fixture.Open(out var contextB);
        Assert.Equal("x", a.Scalar("SELECT fn_notice(x) FROM (VALUES ('x')) t(x)"));
        Assert.Equal(["saw x"], contextA.DrainNotices());
        Assert.Empty(contextB.DrainNotices());
    }

    [Fact]
    public void Function_is_visible_in_a_session_opened_before_registration()
    {
        using var early = fixture.Open();
        Assert.Equal("42883", early.Fails("SELECT fn_late(1)").SqlState);
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_late", SqlType.Int32, SqlType.Int32, (v, _) => (int)v * 2));
        Assert.Equal(42, early.Scalar("SELECT fn_late(21)"));
    }

    [Fact]
    public void Topk_shaped_function_returns_a_list_of_structs_with_nulls()
    {
        fixture.Engine.RegisterFunction(TestFunction.Create("fn_topk", [SqlType.Text, SqlType.Int32], TestFunction.TopKType, (args, rows, _) =>
        {
            var result = new object?[rows];
            for (int r = 0; r < rows; r++)
            {
                if (args[0][r] is string text && args[1][r] is int k)
                {
                    result[r] = Enumerable.Range(0, k)
                        .Select(i => (object?)new Dictionary<string, object?> { ["label"] = $"{text}{i}", ["score"] = i == 1 ? null : 1f / (i + 1) })
                        .ToArray();
                }
            }

            return result;
        }));
        using var session = fixture.Open();
        using var result = session.Execute("SELECT fn_topk(x, k) AS top FROM (VALUES ('a', 3), (NULL, 2), ('b', 0)) t(x, k)");
        Assert.Equal("STRUCT(label VARCHAR, score FLOAT)[]", Assert.Single(result.Columns).Type.EngineName);
        Assert.True(result.TryReadBatch(10, out var batch));
        var top = Assert.IsType<object?[]>(batch.Rows[0][0]);
        Assert.Equal(3, top.Length);
        var first = (IReadOnlyDictionary<string, object?>)top[0]!;
        var second = (IReadOnlyDictionary<string, object?>)top[1]!;
        var third = (IReadOnlyDictionary<string, object?>)top[2]!;
        Assert.Equal(("a0", (object?)1f), ((string)first["label"]!, first["score"]));
        Assert.Null(second["score"]);
        Assert.Equal(1f / 3, third["score"]);
        Assert.Null(batch.Rows[1][0]);
        Assert.Empty(Assert.IsType<object?[]>(batch.Rows[2][0]));
        Assert.Equal(["b0", "b1"], session.Rows("SELECT unnest(fn_topk('b', 2)).label").Select(r => r[0]));
    }

    [Fact]
    public void Engine_exception_in_a_function_surfaces_with_its_sqlstate()
    {
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_bad", SqlType.Blob, SqlType.Text,
            (_, _) => throw new EngineException("22P02", "image could not be decoded")));
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_crash", SqlType.Int32, SqlType.Int32,
            (_, _) => throw new InvalidOperationException("boom")));
        using var session = fixture.Open();
        var error = session.Fails("SELECT fn_bad(x) FROM (VALUES ('\\x01'::BLOB)) t(x)");
        Assert.Equal("22P02", error.SqlState);
        Assert.Contains("image could not be decoded", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[SQLSTATE", error.Message, StringComparison.Ordinal);
        var crash = session.Fails("SELECT fn_crash(range::INTEGER) FROM range(10)");
        Assert.Equal("XX000", crash.SqlState);
        Assert.Contains("boom", crash.Message, StringComparison.Ordinal);
        Assert.Equal(1, session.Scalar("SELECT 1"));
    }

    [Fact]
    public void Unregister_makes_calls_fail_with_42883_and_register_brings_it_back_swapped()
    {
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_swap", SqlType.Int32, SqlType.Int32, (v, _) => (int)v + 1));
        using var session = fixture.Open();
        Assert.Equal(2, session.Scalar("SELECT fn_swap(1)"));

        fixture.Engine.RegisterFunction(TestFunction.Map("fn_swap", SqlType.Int32, SqlType.Int32, (v, _) => (int)v + 100));
        Assert.Equal(101, session.Scalar("SELECT fn_swap(1)"));

        fixture.Engine.UnregisterFunction("fn_swap");
        var error = session.Fails("SELECT fn_swap(1)");
        Assert.Equal("42883", error.SqlState);
        Assert.Equal("function fn_swap does not exist", error.Message);
        Assert.Equal("42883", session.Fails("SELECT fn_swap(range::INTEGER) FROM range(3000)").SqlState);

        fixture.Engine.RegisterFunction(TestFunction.Map("fn_swap", SqlType.Int32, SqlType.Int32, (v, _) => (int)v + 1000));
        Assert.Equal(1001, session.Scalar("SELECT fn_swap(1)"));
    }

    [Fact]
    public void Builtins_are_known_and_model_functions_are_not_builtins()
    {
        fixture.Engine.RegisterFunction(TestFunction.Map("fn_mine", SqlType.Int32, SqlType.Int32, (v, _) => v));
        Assert.True(fixture.Engine.IsBuiltinFunction("abs"));
        Assert.True(fixture.Engine.IsBuiltinFunction("READ_BLOB"));
        Assert.True(fixture.Engine.IsBuiltinFunction("list_cosine_similarity"));
        Assert.False(fixture.Engine.IsBuiltinFunction("fn_mine"));
        Assert.False(fixture.Engine.IsBuiltinFunction("predict_label"));
    }
}

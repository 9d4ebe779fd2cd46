using DeepSql.Udf.Engines;
using Xunit;

namespace DeepSql.Udf.Tests.Engines;

/// <summary>Named text types: the name survives to result columns, values are unchanged, and text functions bind.</summary>
public sealed class DuckDbTextTypeTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    private const string Long = "a string longer than twelve bytes, so not inlined: ünïcode";

    [Fact]
    public void Casts_and_columns_keep_the_type_name_and_the_value()
    {
        fixture.Engine.RegisterTextType("label_text");
        fixture.Engine.RegisterTextType("label_text"); // again: nothing happens
        using var session = fixture.Open();
        session.Rows("CREATE TABLE named_t (n label_text, m VARCHAR)");
        session.Rows($"INSERT INTO named_t VALUES ('short', 'x'), ('{Long}', 'y'), (NULL, 'z')");
        using var result = session.Execute("SELECT n, coalesce(n, 'none') AS c, upper(n) AS u, n || '!' AS e FROM named_t ORDER BY m");
        Assert.Equal(["label_text", "label_text", "VARCHAR", "VARCHAR"], result.Columns.Select(c => c.Type.EngineName));
        Assert.All(result.Columns, c => Assert.Equal(SqlTypeKind.Text, c.Type.Kind));
        Assert.True(result.TryReadBatch(10, out var batch));
        Assert.Equal(
            [
                ["short", "short", "SHORT", "short!"],
                [Long, Long, Long.ToUpperInvariant(), Long + "!"],
                [null, "none", null, null],
            ],
            batch.Rows);
    }

    [Fact]
    public void Text_functions_operators_and_joins_take_the_type_as_text()
    {
        fixture.Engine.RegisterTextType("tag_text");
        using var session = fixture.Open();
        var rows = session.Rows(
            $"SELECT t.n LIKE 's%', regexp_matches(t.n, 'o'), length(t.n), t.n = v.s FROM (SELECT CAST('short' AS tag_text) AS n) t, (SELECT 'short' AS s) v");
        Assert.Equal([[true, true, 5L, true]], rows);
    }

    [Fact]
    public void A_name_that_is_already_a_builtin_type_is_refused_with_a_sqlstate()
    {
        var error = Assert.Throws<EngineException>(() => fixture.Engine.RegisterTextType("integer"));
        Assert.Equal(SqlStates.DuplicateObject, error.SqlState);
    }
}

using Xunit;
using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Tests.Sql;

public class ModelStatementParserTests
{
    [Fact]
    public void Create_model_with_all_clauses_parses_query_backbone_and_options()
    {
        const string sql = """
            CREATE MODEL predict_label
              FROM (SELECT image, label FROM clothing_train WHERE label <> ')' AND f(x) > (1))  -- comment (
              USING featurize
              WITH (epochs = 30, l2 = 0.0001, validation = 0.1, seed = 42, note = 'a, b', strict = true);
            """;

        var create = Assert.IsType<CreateModelStatement>(Parse(sql));

        Assert.Equal("predict_label", create.Name);
        Assert.False(create.Replace);
        Assert.Equal("SELECT image, label FROM clothing_train WHERE label <> ')' AND f(x) > (1)", create.Query);
        Assert.Equal("featurize", create.Backbone);
        Assert.Equal(["epochs", "l2", "validation", "seed", "note", "strict"], create.Options.Select(o => o.Key));
        Assert.Equal(30.0, create.Options[0].Value);
        Assert.Equal(0.0001, create.Options[1].Value);
        Assert.Equal("a, b", create.Options[4].Value);
        Assert.Equal(true, create.Options[5].Value);
    }

    [Fact]
    public void Create_or_replace_without_using_or_with_is_minimal_form()
    {
        var create = Assert.IsType<CreateModelStatement>(Parse("create or replace model M from (select 1)"));

        Assert.Equal("m", create.Name);
        Assert.True(create.Replace);
        Assert.Null(create.Backbone);
        Assert.Empty(create.Options);
        Assert.Equal("select 1", create.Query);
    }

    [Fact]
    public void Query_text_keeps_strings_comments_and_dollar_quotes_with_parentheses()
    {
        var create = Assert.IsType<CreateModelStatement>(Parse(
            "CREATE MODEL x FROM (SELECT ')' AS a, $$ ) $$ AS b /* ) (nested /* ) */ */ FROM t) WITH (seed = -7)"));

        Assert.Equal("SELECT ')' AS a, $$ ) $$ AS b /* ) (nested /* ) */ */ FROM t", create.Query);
        Assert.Equal(-7.0, create.Options.Single().Value);
    }

    [Fact]
    public void Quoted_model_name_keeps_its_case()
    {
        var drop = Assert.IsType<DropModelStatement>(Parse("DROP MODEL \"Mixed\""));

        Assert.Equal("Mixed", drop.Name);
        Assert.False(drop.IfExists);
    }

    [Fact]
    public void Drop_model_if_exists_and_show_models_parse()
    {
        var drop = Assert.IsType<DropModelStatement>(Parse("drop model if exists predict_label;"));
        Assert.Equal("predict_label", drop.Name);
        Assert.True(drop.IfExists);

        Assert.IsType<ShowModelsStatement>(Parse("  SHOW   MODELS ; "));
    }

    [Theory]
    [InlineData("SELECT 'CREATE MODEL x FROM (SELECT 1)'")]
    [InlineData("SELECT * FROM models WHERE name = 'DROP MODEL x'")]
    [InlineData("-- CREATE MODEL x FROM (SELECT 1)\nSELECT 1")]
    [InlineData("/* SHOW MODELS */ SELECT 2")]
    [InlineData("CREATE TABLE model (x INT)")]
    [InlineData("CREATE VIEW models AS SELECT 1")]
    [InlineData("DROP TABLE model")]
    [InlineData("SHOW TABLES")]
    [InlineData("SELECT model FROM t")]
    [InlineData("")]
    [InlineData("SELECT 'unterminated")]
    [InlineData("CREATE OR MODEL m FROM (SELECT 1)")]
    public void Other_statements_are_not_ours(string sql)
    {
        Assert.False(ModelStatementParser.TryParse(sql, out var statement));
        Assert.Null(statement);
    }

    [Theory]
    [InlineData("CREATE MODEL FROM (SELECT 1)", 14, "FROM")]
    [InlineData("CREATE MODEL m (SELECT 1)", 16, "(")]
    [InlineData("CREATE MODEL m FROM SELECT 1", 21, "SELECT")]
    [InlineData("CREATE MODEL m FROM (SELECT (1)", 32, "end of input")]
    [InlineData("CREATE MODEL m FROM ()", 22, ")")]
    [InlineData("CREATE MODEL m FROM (SELECT 1) USING", 37, "end of input")]
    [InlineData("CREATE MODEL m FROM (SELECT 1) WITH (epochs 3)", 45, "3")]
    [InlineData("CREATE MODEL m FROM (SELECT 1) WITH (epochs = )", 47, ")")]
    [InlineData("CREATE MODEL m FROM (SELECT 1) WITH (seed = 1, seed = 2)", 48, "seed")]
    [InlineData("CREATE MODEL m FROM (SELECT 1) WITH (seed = 1) extra", 48, "extra")]
    [InlineData("CREATE MODEL m FROM (SELECT 1) WITH epochs = 3", 37, "epochs")]
    [InlineData("CREATE MODEL m FROM (SELECT 'oops)", 29, "position 29")]
    [InlineData("DROP MODEL IF m", 15, "m")]
    [InlineData("DROP MODEL", 11, "end of input")]
    [InlineData("SHOW MODELS x", 13, "x")]
    public void Syntax_error_inside_our_grammar_is_42601_with_position(string sql, int position, string near)
    {
        var error = Assert.Throws<EngineException>(() => ModelStatementParser.TryParse(sql, out _));

        Assert.Equal("42601", error.SqlState);
        Assert.Equal(position, error.Data[ModelStatementParser.PositionKey]);
        Assert.Contains(near, error.Message, StringComparison.Ordinal);
        Assert.Contains($"(position {position})", error.Message, StringComparison.Ordinal);
    }

    private static ModelStatement Parse(string sql)
    {
        Assert.True(ModelStatementParser.TryParse(sql, out var statement));
        return statement!;
    }
}

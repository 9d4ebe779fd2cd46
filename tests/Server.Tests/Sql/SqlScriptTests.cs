using DeepSql.Server.Sql;
using DeepSql.Udf.Sql;
using Xunit;

namespace DeepSql.Server.Tests.Sql;

public class SqlScriptTests
{
    [Fact]
    public void Demo_script_has_the_create_model_and_the_queries()
    {
        var statements = SqlText.Split(File.ReadAllText(FashionMnistDemoTests.ScriptPath()));

        Assert.Equal(4, statements.Count);
        Assert.True(ModelStatementParser.TryParse(statements[0], out var create));
        Assert.Equal("predict_label", Assert.IsType<CreateModelStatement>(create).Name);
        Assert.IsType<ShowModelsStatement>(Assert.IsAssignableFrom<ModelStatement>(
            ModelStatementParser.TryParse(statements[1], out var show) ? show : null));
        Assert.False(ModelStatementParser.TryParse(statements[2], out _));
    }
}

using System.Text.Json;
using DeepSql.Registry;
using DeepSql.Server.Http;
using DeepSql.Udf.Engines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class HttpProblemsTests
{
    [Theory]
    [InlineData("42601", 400)]
    [InlineData("42P01", 400)]
    [InlineData("42883", 400)]
    [InlineData("22P02", 400)]
    [InlineData("0A000", 400)]
    [InlineData("57014", 408)]
    [InlineData("42501", 403)]
    [InlineData("28P01", 401)]
    [InlineData("53200", 503)]
    [InlineData("XX000", 500)]
    [InlineData("58030", 500)]
    [InlineData("bad", 500)]
    public void Sqlstate_class_decides_the_status(string sqlState, int status) =>
        Assert.Equal(status, HttpProblems.StatusFor(sqlState));

    [Fact]
    public async Task Engine_error_becomes_problem_details_with_the_sqlstate()
    {
        var (status, body) = await ExecuteAsync(HttpProblems.FromEngine(new EngineException("42P01", "Table with name nope does not exist")));
        Assert.Equal(400, status);
        Assert.Equal("42P01", body.GetProperty("sqlstate").GetString());
        Assert.Equal("Table with name nope does not exist", body.GetProperty("detail").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Validation_problems_are_keyed_by_manifest_field_with_their_codes()
    {
        var (status, body) = await ExecuteAsync(HttpProblems.FromValidation(
        [
            new ValidationProblem("input.width", "input.width is 32 but the graph takes 28", "shape_mismatch"),
            new ValidationProblem("labels", "3 labels for 10 classes", "label_count"),
            new ValidationProblem("input.width", "must be positive", "range"),
        ]));
        Assert.Equal(400, status);
        var errors = body.GetProperty("errors");
        Assert.Equal(2, errors.GetProperty("input.width").GetArrayLength());
        Assert.Equal("3 labels for 10 classes", errors.GetProperty("labels")[0].GetString());
        Assert.Equal("shape_mismatch", body.GetProperty("codes").GetProperty("input.width")[0].GetString());
    }

    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(IResult result)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        using var doc = JsonDocument.Parse(body.ToArray());
        return (context.Response.StatusCode, doc.RootElement.Clone());
    }
}

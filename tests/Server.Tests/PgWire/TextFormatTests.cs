using DeepSql.Server.Tests.Support;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class TextFormatTests(PgServerFixture fixture)
{
    [Theory]
    [InlineData("true", "t")]
    [InlineData("1.5::FLOAT", "1.5")]
    [InlineData("0.1::DOUBLE", "0.1")]
    [InlineData("1e20::DOUBLE", "1e+20")]
    [InlineData("0.00001::DOUBLE", "1e-05")]
    [InlineData("123456789::DOUBLE", "123456789")]
    [InlineData("'NaN'::DOUBLE", "NaN")]
    [InlineData("'-inf'::DOUBLE", "-Infinity")]
    [InlineData("12.50::DECIMAL(5,2)", "12.50")]
    [InlineData("'\\x01\\xAB'::BLOB", "\\x01ab")]
    [InlineData("DATE '2024-02-29'", "2024-02-29")]
    [InlineData("TIME '01:02:03.5'", "01:02:03.5")]
    [InlineData("TIMESTAMP '2024-01-02 03:04:05'", "2024-01-02 03:04:05")]
    [InlineData("TIMESTAMP '2024-01-02 03:04:05.123456'", "2024-01-02 03:04:05.123456")]
    [InlineData("TIMESTAMPTZ '2024-01-02 03:04:05+02'", "2024-01-02 01:04:05+00")]
    [InlineData("INTERVAL '1 year 2 months 3 days 04:05:06'", "1 year 2 mons 3 days 04:05:06")]
    [InlineData("INTERVAL '1 day'", "1 day")]
    [InlineData("'6f1d1a0e-8c1b-4f7e-9a3e-0b2f6c1e2d3a'::UUID", "6f1d1a0e-8c1b-4f7e-9a3e-0b2f6c1e2d3a")]
    [InlineData("[1.5, 2, 3]::FLOAT[]", "{1.5,2,3}")]
    [InlineData("[1, NULL, 3]::INTEGER[]", "{1,NULL,3}")]
    [InlineData("['a', 'b c', NULL, '']::VARCHAR[]", "{a,\"b c\",NULL,\"\"}")]
    [InlineData("{'a': 1, 'b': 'x'}", "{\"a\":1,\"b\":\"x\"}")]
    [InlineData("[{'label': 'cat', 'score': 0.5}]", "[{\"label\":\"cat\",\"score\":0.5}]")]
    public async Task Values_print_as_postgresql_prints_them(string expression, string expected)
    {
        var result = await Psql.RunAsync(fixture.Port, $"SELECT {expression}");
        Assert.Equal("", result.Stderr);
        Assert.Equal(expected, result.Stdout);
    }
}

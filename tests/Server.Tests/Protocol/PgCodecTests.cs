using DeepSql.Server.PgWire;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;
using Xunit;

namespace DeepSql.Server.Tests.Protocol;

public sealed class PgCodecTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e15, "1e+15")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(100.0, "100")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Float8_prints_shortest_round_trip_like_postgresql(double value, string expected) =>
        Assert.Equal(expected, PgTextFormat.FormatFloat(value, 15));

    [Theory]
    [InlineData(1e6f, "1e+06")]
    [InlineData(123456f, "123456")]
    [InlineData(0.3f, "0.3")]
    public void Float4_prints_shortest_round_trip_like_postgresql(float value, string expected) =>
        Assert.Equal(expected, PgTextFormat.FormatFloat(value, 6));

    [Theory]
    [InlineData("0")]
    [InlineData("12.345")]
    [InlineData("-0.0001")]
    [InlineData("123456789.000100")]
    [InlineData("10000")]
    public void Numeric_binary_round_trips(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var output = new PgOutputBuffer();
        PgBinaryCodec.WriteScalar(output, value, PgOid.Numeric, PgFormatSettings.Default);
        var decoded = (decimal)PgBinaryCodec.Read(output.WrittenMemory.Span, PgOid.Numeric)!;
        Assert.Equal(value, decoded);
        Assert.Equal(text, decoded.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Float4_array_binary_round_trips_with_header()
    {
        var output = new PgOutputBuffer();
        PgBinaryCodec.Write(output, new[] { 1.5f, -2f }, PgType.From(SqlType.Float32List), PgFormatSettings.Default);
        // ndim 1, no nulls, element oid 700, size 2, lower bound 1, then 2 × (length 4, value)
        Assert.Equal(20 + 2 * 8, output.Length);
        Assert.Equal(new[] { 1.5f, -2f }, PgBinaryCodec.Read(output.WrittenMemory.Span, PgOid.Float4Array));
    }

    [Fact]
    public void Interval_prints_in_postgres_style()
    {
        Assert.Equal("1 year 2 mons 3 days 04:05:06.5", PgTextFormat.FormatInterval(new SqlInterval(14, 3, 14_706_500_000)));
        Assert.Equal("-1 days +01:00:00", PgTextFormat.FormatInterval(new SqlInterval(0, -1, 3_600_000_000)));
        Assert.Equal("00:00:00", PgTextFormat.FormatInterval(new SqlInterval(0, 0, 0)));
    }
}

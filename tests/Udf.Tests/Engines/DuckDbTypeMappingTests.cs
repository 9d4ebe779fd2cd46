using Xunit;
using System.Numerics;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbTypeMappingTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    public static TheoryData<string, SqlTypeKind, string, object?> Scalars => new()
    {
        { "true", SqlTypeKind.Boolean, "BOOLEAN", true },
        { "CAST(-5 AS TINYINT)", SqlTypeKind.Int8, "TINYINT", (sbyte)-5 },
        { "CAST(-300 AS SMALLINT)", SqlTypeKind.Int16, "SMALLINT", (short)-300 },
        { "CAST(70000 AS INTEGER)", SqlTypeKind.Int32, "INTEGER", 70000 },
        { "CAST(5000000000 AS BIGINT)", SqlTypeKind.Int64, "BIGINT", 5000000000L },
        { "CAST(250 AS UTINYINT)", SqlTypeKind.UInt8, "UTINYINT", (byte)250 },
        { "CAST(65000 AS USMALLINT)", SqlTypeKind.UInt16, "USMALLINT", (ushort)65000 },
        { "CAST(4000000000 AS UINTEGER)", SqlTypeKind.UInt32, "UINTEGER", 4000000000u },
        { "CAST(18000000000000000000 AS UBIGINT)", SqlTypeKind.UInt64, "UBIGINT", 18000000000000000000ul },
        { "CAST(1.5 AS FLOAT)", SqlTypeKind.Float32, "FLOAT", 1.5f },
        { "CAST(2.25 AS DOUBLE)", SqlTypeKind.Float64, "DOUBLE", 2.25d },
        { "'héllo'", SqlTypeKind.Text, "VARCHAR", "héllo" },
        { "CAST('{\"a\": 1}' AS JSON)", SqlTypeKind.Json, "JSON", "{\"a\": 1}" },
        { "CAST(NULL AS INTEGER)", SqlTypeKind.Int32, "INTEGER", null },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalar_types_map_to_their_kind_and_clr_value(string expression, SqlTypeKind kind, string engineName, object? expected)
    {
        using var session = fixture.Open();
        using var result = session.Execute($"SELECT {expression} AS v");
        var column = Assert.Single(result.Columns);
        Assert.Equal("v", column.Name);
        Assert.Equal(kind, column.Type.Kind);
        Assert.Equal(engineName, column.Type.EngineName);
        Assert.True(result.TryReadBatch(10, out var batch));
        var value = Assert.Single(batch.Rows)[0];
        Assert.Equal(expected, value);
        if (expected is not null)
        {
            Assert.IsType(expected.GetType(), value);
        }
    }

    [Fact]
    public void Hugeint_is_a_BigInteger()
    {
        using var session = fixture.Open();
        var value = session.Scalar("SELECT CAST('170141183460469231731687303715884105727' AS HUGEINT)");
        Assert.Equal(BigInteger.Parse("170141183460469231731687303715884105727", System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void Decimal_keeps_precision_and_scale()
    {
        using var session = fixture.Open();
        using var result = session.Execute("SELECT CAST(12345.678 AS DECIMAL(18,3)) AS d");
        var type = Assert.Single(result.Columns).Type;
        Assert.Equal((SqlTypeKind.Decimal, 18, 3, "DECIMAL(18,3)"), (type.Kind, type.Precision, type.Scale, type.EngineName));
        Assert.True(result.TryReadBatch(1, out var batch));
        Assert.Equal(12345.678m, batch.Rows[0][0]);
    }

    [Fact]
    public void Blob_is_a_byte_array()
    {
        using var session = fixture.Open();
        Assert.Equal(new byte[] { 0, 1, 0xFF, (byte)'a' }, session.Scalar("SELECT '\\x00\\x01\\xFFa'::BLOB"));
    }

    [Fact]
    public void Dates_and_times_map_to_DateOnly_TimeOnly_DateTime_and_utc_DateTimeOffset()
    {
        using var session = fixture.Open();
        using var result = session.Execute(
            "SELECT DATE '2024-02-29' AS d, TIME '13:14:15.5' AS t, TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, " +
            "TIMESTAMPTZ '2024-02-29 18:14:15+05' AS tz");
        Assert.Equal([SqlTypeKind.Date, SqlTypeKind.Time, SqlTypeKind.Timestamp, SqlTypeKind.TimestampTz],
            result.Columns.Select(c => c.Type.Kind));
        Assert.True(result.TryReadBatch(1, out var batch));
        var row = batch.Rows[0];
        Assert.Equal(new DateOnly(2024, 2, 29), row[0]);
        Assert.Equal(new TimeOnly(13, 14, 15, 500), row[1]);
        var timestamp = Assert.IsType<DateTime>(row[2]);
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1234560), timestamp);
        Assert.Equal(DateTimeKind.Unspecified, timestamp.Kind);
        var tz = Assert.IsType<DateTimeOffset>(row[3]);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero), tz);
        Assert.Equal(TimeSpan.Zero, tz.Offset);
    }

    [Fact]
    public void Interval_keeps_months_days_and_microseconds()
    {
        using var session = fixture.Open();
        Assert.Equal(new SqlInterval(14, 3, 3_723_000_004),
            session.Scalar("SELECT INTERVAL '1 year 2 months 3 days 1 hour 2 minutes 3.000004 seconds'"));
    }

    [Fact]
    public void Uuid_is_a_Guid()
    {
        using var session = fixture.Open();
        Assert.Equal(Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), session.Scalar("SELECT UUID 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"));
    }

    [Fact]
    public void Float_list_is_a_float_array()
    {
        using var session = fixture.Open();
        using var result = session.Execute("SELECT [1.5, 2.5, -3]::FLOAT[] AS v");
        var type = Assert.Single(result.Columns).Type;
        Assert.Equal(SqlTypeKind.List, type.Kind);
        Assert.Equal(SqlTypeKind.Float32, type.Element!.Kind);
        Assert.Equal("FLOAT[]", type.EngineName);
        Assert.True(result.TryReadBatch(1, out var batch));
        Assert.Equal(new[] { 1.5f, 2.5f, -3f }, Assert.IsType<float[]>(batch.Rows[0][0]));
    }

    [Fact]
    public void Other_lists_are_object_arrays_with_nulls()
    {
        using var session = fixture.Open();
        Assert.Equal(new object?[] { 1, null, 3 }, session.Scalar("SELECT [1, NULL, 3]::INTEGER[]"));
        Assert.Equal(new object?[] { 1.5f, null }, session.Scalar("SELECT [1.5, NULL]::FLOAT[]"));
        Assert.Equal(new object?[] { new object?[] { "a" }, new object?[] { } }, session.Scalar("SELECT [['a'], []]"));
    }

    [Fact]
    public void Struct_is_a_dictionary_in_field_order_and_list_of_struct_nests()
    {
        using var session = fixture.Open();
        using var result = session.Execute(
            "SELECT [{'label': 'cat', 'score': 0.75::FLOAT}, {'label': 'dog', 'score': 0.25::FLOAT}] AS top");
        var type = Assert.Single(result.Columns).Type;
        Assert.Equal("STRUCT(label VARCHAR, score FLOAT)[]", type.EngineName);
        Assert.Equal(["label", "score"], type.Element!.Fields!.Select(f => f.Name));
        Assert.True(result.TryReadBatch(1, out var batch));
        var items = Assert.IsType<object?[]>(batch.Rows[0][0]);
        var first = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(items[0]);
        Assert.Equal(["label", "score"], first.Keys);
        Assert.Equal("cat", first["label"]);
        Assert.Equal(0.75f, first["score"]);
        Assert.Equal("dog", ((IReadOnlyDictionary<string, object?>)items[1]!)["label"]);
    }

    [Fact]
    public void Enum_is_text_and_map_is_unknown_text()
    {
        using var session = fixture.Open();
        using var result = session.Execute("SELECT 'b'::ENUM('a', 'b') AS e, MAP {'k': 1} AS m");
        Assert.Equal([SqlTypeKind.Text, SqlTypeKind.Unknown], result.Columns.Select(c => c.Type.Kind));
        Assert.Equal("MAP(VARCHAR, INTEGER)", result.Columns[1].Type.EngineName);
        Assert.True(result.TryReadBatch(1, out var batch));
        Assert.Equal("b", batch.Rows[0][0]);
        Assert.Equal("{k=1}", batch.Rows[0][1]);
    }
}

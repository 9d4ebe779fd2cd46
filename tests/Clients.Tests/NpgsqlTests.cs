using System.Collections;
using System.Numerics;
using Npgsql;
using DeepSql.TestSupport;
using NpgsqlTypes;

namespace DeepSql.Clients.Tests;

/// <summary>Npgsql 10 with its defaults: full type loading at open, binary results, prepared statements.</summary>
[Collection("clients")]
public sealed class NpgsqlTests(ServiceFixture service)
{
    [Fact]
    public async Task Open_loads_types_with_the_default_connection_string()
    {
        await using var c = await service.OpenAsync();
        Assert.Equal(System.Data.ConnectionState.Open, c.State);
        // the type loader must have found the base types and their array types in pg_type
        await using var cmd = new NpgsqlCommand("SELECT CAST(ARRAY[1, 2] AS INTEGER[]), CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS UUID)", c);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal("integer[]", r.GetDataTypeName(0));
        Assert.Equal(new[] { 1, 2 }, r.GetFieldValue<int[]>(0));
        Assert.Equal(Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), r.GetGuid(1));
    }

    public static TheoryData<string, string, object> Values => new()
    {
        { "CAST(true AS BOOLEAN)", "boolean", true },
        { "CAST(-12 AS SMALLINT)", "smallint", (short)-12 },
        { "CAST(123456 AS INTEGER)", "integer", 123456 },
        { "CAST(1234567890123 AS BIGINT)", "bigint", 1234567890123L },
        { "CAST(1.5 AS REAL)", "real", 1.5f },
        { "CAST(2.25 AS DOUBLE PRECISION)", "double precision", 2.25d },
        { "CAST(12.345 AS NUMERIC(10,3))", "numeric(10, 3)", 12.345m },
        { "CAST('héllo' AS TEXT)", "text", "héllo" },
        { "CAST('abc' AS BYTEA)", "bytea", new byte[] { 0x61, 0x62, 0x63 } },
        { "CAST('2024-02-29' AS DATE)", "date", new DateOnly(2024, 2, 29) },
        { "CAST('2024-01-02 03:04:05.123456' AS TIMESTAMP)", "timestamp without time zone", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(1234560) },
        { "CAST('2024-01-02 03:04:05+02' AS TIMESTAMPTZ)", "timestamp with time zone", new DateTime(2024, 1, 2, 1, 4, 5, DateTimeKind.Utc) },
        { "CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS UUID)", "uuid", Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11") },
        { "CAST(ARRAY[1.5, -2.5] AS REAL[])", "real[]", new[] { 1.5f, -2.5f } },
        { "CAST(ARRAY[1, 2, 3] AS INTEGER[])", "integer[]", new[] { 1, 2, 3 } },
        { "CAST(ARRAY['a', 'b c'] AS TEXT[])", "text[]", new[] { "a", "b c" } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Binary_result_of_each_type_reads_back_exactly(string expression, string pgType, object expected)
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT {expression} AS v", c);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(pgType, r.GetDataTypeName(0));
        var actual = r.GetFieldValue<object>(0);
        if (expected is DateOnly d)
        {
            Assert.Equal(d, r.GetFieldValue<DateOnly>(0));
        }
        else if (expected is IEnumerable e and not string)
        {
            Assert.Equal(e.Cast<object>(), ((IEnumerable)actual).Cast<object>());
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Interval_and_json_read_back()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT CAST('1 day 02:03:04' AS INTERVAL) AS iv, CAST('{\"a\": 1}' AS JSON) AS j", c);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal("interval", r.GetDataTypeName(0));
        Assert.Equal(new TimeSpan(1, 2, 3, 4), r.GetTimeSpan(0));
        Assert.Equal("json", r.GetDataTypeName(1));
        Assert.Equal("{\"a\": 1}", r.GetString(1));
    }

    [Fact]
    public async Task Prepared_statement_with_typed_parameters_runs_twice()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT $1 + 1 AS n, upper($2) AS s, $3 AS d", c);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date });
        await cmd.PrepareAsync();
        Assert.True(cmd.IsPrepared);
        foreach (var (n, s) in new[] { (41, "abc"), (-2, "xyz") })
        {
            cmd.Parameters[0].Value = n;
            cmd.Parameters[1].Value = s;
            cmd.Parameters[2].Value = new DateOnly(2024, 3, 4);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(n + 1, r.GetInt32(0));
            Assert.Equal(s.ToUpperInvariant(), r.GetString(1));
            Assert.Equal(new DateOnly(2024, 3, 4), r.GetFieldValue<DateOnly>(2));
            Assert.False(await r.ReadAsync());
        }
    }

    [Fact]
    public async Task Unprepared_statement_with_typed_parameters_returns_three_columns()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT $1 + 1 AS n, upper($2) AS s, $3 AS d", c);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = 41 });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = "abc" });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = new DateOnly(2024, 3, 4) });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.Equal(["n", "s", "d"], Enumerable.Range(0, r.FieldCount).Select(r.GetName));
        Assert.True(await r.ReadAsync());
        Assert.Equal(42, r.GetInt32(0));
        Assert.Equal("ABC", r.GetString(1));
        Assert.Equal(new DateOnly(2024, 3, 4), r.GetFieldValue<DateOnly>(2));
    }

    [Fact]
    public async Task Named_parameters_filter_rows()
    {
        await service.ExecuteAsync("CREATE OR REPLACE TABLE npgsql_items AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) t(id, name)");
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT name FROM npgsql_items WHERE id >= @min ORDER BY id", c);
        cmd.Parameters.AddWithValue("min", 2);
        var names = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            names.Add(r.GetString(0));
        }

        Assert.Equal(["b", "c"], names);
    }

    [Fact]
    public async Task Embed_output_reads_as_float_array_of_384()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT embed('a photo of a cat') AS e", c);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal("real[]", r.GetDataTypeName(0));
        var v = r.GetFieldValue<float[]>(0);
        Assert.Equal(384, v.Length);
        // MiniLM sentence embeddings are L2-normalised
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        Assert.InRange(norm, 0.99, 1.01);
    }

    [Fact]
    public async Task Featurize_of_a_bytea_parameter_reads_as_float_array_of_512()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT featurize($1) AS f, featurize($2) AS g", c);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = TestImages.Solid(TestImages.Red, 64, 64) });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = TestImages.Solid(TestImages.Blue, 64, 64) });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal("real[]", r.GetDataTypeName(0));
        var red = r.GetFieldValue<float[]>(0);
        var blue = r.GetFieldValue<float[]>(1);
        Assert.Equal(512, red.Length);
        Assert.Equal(512, blue.Length);
        // ResNet18 features after ReLU + average pooling: finite, non-negative, and a red image is not a blue one
        Assert.All(red, x => Assert.True(float.IsFinite(x) && x >= 0, $"feature {x}"));
        Assert.NotEqual(red, blue);
    }

    [Fact]
    public void Embed_in_binary_has_postgresqls_float4_array_layout()
    {
        using var client = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var result = client.Extended("SELECT embed('hello') AS e", resultFormat: 1);
        Assert.True(result.Error is null, result.ToString());
        Assert.Equal(1021, result.Columns[0].TypeOid);
        var bytes = result.Rows[0][0]!;
        // array_send: ndim 1, no nulls flag 0, element oid 700, then (dimension 384, lower bound 1), then per element
        // a 4-byte length (4) and the big-endian float
        Assert.Equal("00000001" + "00000000" + "000002BC" + "00000180" + "00000001", Convert.ToHexString(bytes, 0, 20));
        Assert.Equal(20 + (384 * 8), bytes.Length);
        for (var i = 0; i < 384; i++)
        {
            Assert.Equal(4, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20 + (i * 8))));
        }
    }

    [Fact]
    public async Task Notice_arrives_as_an_event()
    {
        await using var c = await service.OpenAsync();
        var notices = new List<PostgresNotice>();
        c.Notice += (_, e) => notices.Add(e.Notice);
        // a model function given bytes that are no image answers NULL and a notice (a server-side RAISE NOTICE)
        await service.ExecuteAsync("CREATE OR REPLACE TABLE npgsql_notice_blobs AS SELECT CAST('not an image' AS BYTEA) AS b");
        await using var cmd = new NpgsqlCommand("SELECT featurize(b) IS NULL FROM npgsql_notice_blobs", c);
        Assert.Equal(true, await cmd.ExecuteScalarAsync());
        var texts = string.Join("\n", notices.Select(n => $"{n.InvariantSeverity} {n.SqlState} {n.MessageText}"));
        var notice = notices.Where(n => n.MessageText.StartsWith("featurize:", StringComparison.Ordinal)).ToList();
        Assert.True(notice.Count == 1, $"expected one featurize notice, got:\n{texts}");
        Assert.Equal("NOTICE", notice[0].InvariantSeverity);
        Assert.StartsWith("featurize: 1 of 1 rows", notice[0].MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public Task Notice_is_sent_once_per_statement_over_both_protocols() =>
        NoticeOnce("SELECT featurize(b) IS NULL FROM npgsql_blobs");

    [Fact]
    public Task Notice_is_sent_once_for_a_constant_argument() =>
        NoticeOnce("SELECT featurize(CAST('not an image' AS BYTEA)) IS NULL");

    private async Task NoticeOnce(string sql)
    {
        await service.ExecuteAsync("CREATE OR REPLACE TABLE npgsql_blobs AS SELECT CAST('not an image' AS BYTEA) AS b");
        using var client = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var simple = Assert.Single(client.Query(sql));
        var extended = client.Extended(sql, 0);
        Assert.True(simple.Notices.Count == 1, $"simple protocol: {simple.Notices.Count} notices: {string.Join(" / ", simple.Notices)}");
        Assert.True(extended.Notices.Count == 1, $"extended protocol: {extended.Notices.Count} notices: {string.Join(" / ", extended.Notices)}");
    }

    [Fact]
    public async Task Prepared_statement_without_parameters_describes_all_columns()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT 1 AS a, 'x' AS b, CAST(2.5 AS DOUBLE) AS c", c);
        await cmd.PrepareAsync();
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, r.FieldCount).Select(r.GetName));
        Assert.True(await r.ReadAsync());
        Assert.Equal(2.5, r.GetDouble(2));
    }

    [Fact]
    public async Task Prepared_statement_with_one_parameter_describes_all_columns()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT $1 AS a, 'x' AS b", c);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = 5 });
        await cmd.PrepareAsync();
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.Equal(["a", "b"], Enumerable.Range(0, r.FieldCount).Select(r.GetName));
        Assert.True(await r.ReadAsync());
        Assert.Equal(5, r.GetInt32(0));
    }

    [Theory]
    [InlineData("SELECT * FROM npgsql_no_such_table", "42P01")]
    [InlineData("SELECT no_such_column FROM (SELECT 1 AS a) t", "42703")]
    [InlineData("SELEC 1", "42601")]
    [InlineData("SELECT CAST('x' AS INTEGER)", "22P02")]
    public async Task Error_carries_its_sqlstate_and_the_connection_stays_usable(string sql, string sqlState)
    {
        await using var c = await service.OpenAsync();
        await using var bad = new NpgsqlCommand(sql, c);
        var e = await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteScalarAsync());
        Assert.Equal(sqlState, e.SqlState);
        await using var good = new NpgsqlCommand("SELECT 7", c);
        Assert.Equal(7, Convert.ToInt32(await good.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Big_numeric_reads_as_BigInteger_exact()
    {
        await using var c = await service.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT CAST('123456789012345678.123' AS NUMERIC(38,3))", c);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(123456789012345678.123m, r.GetDecimal(0));
        Assert.Equal(new BigInteger(123456789012345678), new BigInteger(decimal.Truncate(r.GetDecimal(0))));
    }
}

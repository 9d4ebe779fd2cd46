using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class NpgsqlQueryTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Npgsql_connects_and_reads_values_in_binary()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT 42::INTEGER AS i, 9000000000::BIGINT AS b, 7::SMALLINT AS s, 'héllo'::VARCHAR AS t, true AS yes, " +
            "1.5::FLOAT AS f4, 2.25::DOUBLE AS f8, 12.345::DECIMAL(10,3) AS dec, DATE '2024-02-29' AS d, " +
            "TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, '\\x01\\xFF'::BLOB AS bin, " +
            "'6f1d1a0e-8c1b-4f7e-9a3e-0b2f6c1e2d3a'::UUID AS u, [1.5, 2.5]::FLOAT[] AS v, [1, 2, 3]::INTEGER[] AS ia", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(42, reader.GetInt32(0));
        Assert.Equal(9_000_000_000L, reader.GetInt64(1));
        Assert.Equal((short)7, reader.GetInt16(2));
        Assert.Equal("héllo", reader.GetString(3));
        Assert.True(reader.GetBoolean(4));
        Assert.Equal(1.5f, reader.GetFloat(5));
        Assert.Equal(2.25, reader.GetDouble(6));
        Assert.Equal(12.345m, reader.GetDecimal(7));
        Assert.Equal(new DateOnly(2024, 2, 29), reader.GetFieldValue<DateOnly>(8));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1234560), reader.GetDateTime(9));
        Assert.Equal(new byte[] { 0x01, 0xff }, reader.GetFieldValue<byte[]>(10));
        Assert.Equal(Guid.Parse("6f1d1a0e-8c1b-4f7e-9a3e-0b2f6c1e2d3a"), reader.GetGuid(11));
        Assert.Equal(new[] { 1.5f, 2.5f }, reader.GetFieldValue<float[]>(12));
        Assert.Equal(new[] { 1, 2, 3 }, reader.GetFieldValue<int[]>(13));
        Assert.Equal("integer", reader.GetDataTypeName(0));
        Assert.Equal("real[]", reader.GetDataTypeName(12));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Npgsql_reads_timestamptz_and_interval()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT TIMESTAMPTZ '2024-05-06 07:08:09+00' AS tz, INTERVAL '1 day 02:03:04' AS iv, TIME '12:34:56' AS t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), reader.GetDateTime(0));
        Assert.Equal(new TimeSpan(1, 2, 3, 4), reader.GetTimeSpan(1));
        Assert.Equal(new TimeSpan(12, 34, 56), reader.GetTimeSpan(2));
    }

    [Fact]
    public async Task Prepared_statement_with_parameters_returns_matching_rows()
    {
        await using var connection = await fixture.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE npgsql_params AS SELECT i AS id, 'row ' || i AS name FROM range(1, 101) t(i)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT name FROM npgsql_params WHERE id BETWEEN $1 AND $2 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = 10L });
        command.Parameters.Add(new NpgsqlParameter { Value = 12L });
        await command.PrepareAsync();
        var names = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            names.Clear();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["row 10", "row 11", "row 12"], names);
    }

    [Fact]
    public async Task Text_parameter_of_unspecified_type_is_typed_by_the_engine()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1::INTEGER + 1, $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = 41 });
        command.Parameters.Add(new NpgsqlParameter { Value = "text value" });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(42, reader.GetInt32(0));
        Assert.Equal("text value", reader.GetString(1));
    }

    [Fact]
    public async Task Float_array_parameter_round_trips()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT list_sum($1::FLOAT[])", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { 1.5f, 2.5f, 3f } });
        var sum = await command.ExecuteScalarAsync();
        Assert.Equal(7.0, Convert.ToDouble(sum, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Insert_update_delete_report_row_counts()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TABLE npgsql_counts (id INTEGER)", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "INSERT INTO npgsql_counts SELECT * FROM range(5)";
        Assert.Equal(5, await command.ExecuteNonQueryAsync());
        command.CommandText = "UPDATE npgsql_counts SET id = id + 10 WHERE id < 2";
        Assert.Equal(2, await command.ExecuteNonQueryAsync());
        command.CommandText = "DELETE FROM npgsql_counts WHERE id >= 10";
        Assert.Equal(2, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Npgsql_with_full_type_loading_reads_arrays_and_nulls()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString().Replace(";Server Compatibility Mode=NoTypeLoading", ""));
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT [0.5, 1.5]::FLOAT[] AS v, NULL::INTEGER AS n, 'x' AS t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(new[] { 0.5f, 1.5f }, reader.GetFieldValue<float[]>(0));
        Assert.True(reader.IsDBNull(1));
        Assert.Equal("x", reader.GetString(2));
    }

    [Fact]
    public async Task Pooled_connection_is_reset_with_discard_all_and_reused()
    {
        var connectionString = fixture.ConnectionString().Replace("Pooling=False", "Pooling=True;Maximum Pool Size=1", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Pooling=True", connectionString);
        var processIds = new HashSet<int>();
        for (var round = 0; round < 3; round++)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            processIds.Add(connection.ProcessID);
            await using var command = new NpgsqlCommand("SHOW deepsql.batch_size", connection);
            Assert.Equal("32", await command.ExecuteScalarAsync());
            command.CommandText = "SET deepsql.batch_size = 5";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Single(processIds);
    }

    [Fact]
    public async Task Binary_parameters_of_each_type_round_trip()
    {
        await using var connection = await fixture.OpenAsync();
        var values = new object[]
        {
            true, (short)-3, 123456, 9_000_000_000L, 1.25f, -2.5e100, 1234.5678m, "ünïcode", new byte[] { 0, 1, 254 },
            new DateOnly(1999, 12, 31), new DateTime(2020, 2, 29, 23, 59, 58, 123), Guid.Parse("11111111-2222-3333-4444-555555555555"),
            new[] { 1.5f, 2.5f },
        };
        foreach (var value in values)
        {
            // an untyped list parameter stays text in the engine: say what it is
            await using var command = new NpgsqlCommand(value is float[] ? "SELECT $1::FLOAT[]" : "SELECT $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var read = reader.GetFieldValue<object>(0);
            if (value is DateOnly d)
            {
                Assert.Equal(d, reader.GetFieldValue<DateOnly>(0));
            }
            else
            {
                Assert.Equal(value, read);
            }
        }

        // the engine takes intervals where its SQL says so
        await using var interval = new NpgsqlCommand("SELECT $1::INTERVAL", connection);
        interval.Parameters.Add(new NpgsqlParameter { Value = new TimeSpan(2, 13, 14, 15) });
        await using var intervalReader = await interval.ExecuteReaderAsync();
        Assert.True(await intervalReader.ReadAsync());
        Assert.Equal(new TimeSpan(2, 13, 14, 15), intervalReader.GetFieldValue<TimeSpan>(0));
    }

    [Fact]
    public async Task Timestamptz_parameter_round_trips_in_utc()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1 + INTERVAL '1 hour'", connection);
        var at = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        Assert.Equal(at.AddHours(1), await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Large_result_streams_all_rows()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT i, repeat('x', 100) FROM range(200000) t(i)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        long count = 0, sum = 0;
        while (await reader.ReadAsync())
        {
            count++;
            sum += reader.GetInt64(0);
        }

        Assert.Equal(200_000, count);
        Assert.Equal(199_999L * 200_000 / 2, sum);
    }
}

using System.Text;
using DeepSql.Server.PgWire;
using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class CopyOutTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Copy_query_to_stdout_streams_text_rows_with_escapes_and_nulls()
    {
        await using var connection = await fixture.OpenAsync();
        using var export = await connection.BeginTextExportAsync(
            "COPY (SELECT range AS n, CASE WHEN range = 1 THEN NULL ELSE 'a\tb\\c' || range END AS s FROM range(3)) TO STDOUT");
        Assert.Equal("0\ta\\tb\\\\c0\n1\t\\N\n2\ta\\tb\\\\c2\n", await export.ReadToEndAsync());
    }

    [Fact]
    public async Task Copy_query_to_stdout_in_csv_with_header_quotes_what_needs_it()
    {
        await using var connection = await fixture.OpenAsync();
        using (var export = await connection.BeginTextExportAsync(
            "COPY (SELECT 1 AS id, 'say \"hi\", then go' AS t, CAST(NULL AS VARCHAR) AS z, '' AS e) TO STDOUT WITH (FORMAT csv, HEADER)"))
        {
            Assert.Equal("id,t,z,e\n1,\"say \"\"hi\"\", then go\",,\"\"\n", await export.ReadToEndAsync());
        }

        await using var command = new NpgsqlCommand("SELECT 7", connection);
        Assert.Equal(7, Convert.ToInt32(await command.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Copy_to_stdout_reports_the_row_count_and_copy_to_a_file_stays_refused()
    {
        await using var connection = await fixture.OpenAsync();
        await using (var command = new NpgsqlCommand("CREATE OR REPLACE TABLE copy_out_items AS SELECT range AS id FROM range(4)", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        using (var export = await connection.BeginTextExportAsync("COPY copy_out_items (id) TO STDOUT (DELIMITER '|')"))
        {
            Assert.Equal("0\n1\n2\n3\n", await export.ReadToEndAsync());
        }

        await using var refused = new NpgsqlCommand("COPY (SELECT 1) TO '/tmp/deepsql-copy-out-test.csv'", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteNonQueryAsync());
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task Copy_with_an_error_in_the_query_gives_its_sqlstate()
    {
        await using var connection = await fixture.OpenAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.BeginTextExportAsync("COPY (SELECT * FROM copy_out_missing) TO STDOUT"));
        Assert.Equal("42P01", error.SqlState);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, Convert.ToInt32(await command.ExecuteScalarAsync()));
    }

    [Theory]
    [InlineData("COPY t FROM STDIN")]
    [InlineData("COPY (SELECT 1) TO '/tmp/x'")]
    [InlineData("SELECT 1")]
    public void Other_statements_are_not_copy_to_stdout(string sql) => Assert.Null(PgCopyCommand.TryParse(sql));

    [Fact]
    public void Legacy_options_and_nested_parentheses_parse()
    {
        var copy = PgCopyCommand.TryParse("copy (select (1), f(2)) to stdout csv header delimiter as ';' null 'NA'")!;
        Assert.Equal("select (1), f(2)", copy.Query);
        Assert.True(copy.Csv);
        Assert.True(copy.Header);
        var sb = new StringBuilder();
        copy.AppendLine(sb, ["a;b", null, "NA"]);
        Assert.Equal("\"a;b\";NA;\"NA\"\n", sb.ToString());
        Assert.Equal("0A000", Assert.Throws<PgException>(() => PgCopyCommand.TryParse("COPY (SELECT 1) TO STDOUT (FORMAT binary)")).SqlState);
    }

    [Fact]
    public async Task Copy_to_stdout_runs_over_the_extended_protocol()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        await client.SendAsync('P', RawPgClient.CString("c"), RawPgClient.CString("COPY (SELECT i, 'v' || i AS s FROM range(3) t(i) ORDER BY i) TO STDOUT WITH (FORMAT csv)"), RawPgClient.Int16(0));
        await client.SendAsync('D', [(byte)'S'], RawPgClient.CString("c"));
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString("c"), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('D', [(byte)'P'], RawPgClient.CString(""));
        await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(1));
        await client.SendAsync('S');
        var messages = await client.ReadUntilAsync('Z');
        Assert.Equal("1tn2nHdddcCZ", new string(messages.Select(m => m.Type).ToArray()));
        Assert.Equal(["0,v0\n", "1,v1\n", "2,v2\n"], messages.Where(m => m.Type == 'd').Select(m => System.Text.Encoding.UTF8.GetString(m.Body)));
        Assert.Equal("COPY 3", System.Text.Encoding.UTF8.GetString(messages.Single(m => m.Type == 'C').Body).TrimEnd('\0'));

        // the statement runs again on a new portal; a failing query is an ErrorResponse, the session goes on
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString("c"), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(0));
        await client.SendAsync('P', RawPgClient.CString(""), RawPgClient.CString("COPY (SELECT * FROM copy_out_nowhere) TO STDOUT"), RawPgClient.Int16(0));
        await client.SendAsync('B', RawPgClient.CString(""), RawPgClient.CString(""), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        await client.SendAsync('E', RawPgClient.CString(""), RawPgClient.Int32(0));
        await client.SendAsync('S');
        var again = await client.ReadUntilAsync('Z');
        Assert.Equal("2HdddcC12EZ", new string(again.Select(m => m.Type).ToArray()));
        Assert.Equal("42P01", RawPgClient.Field(again.Single(m => m.Type == 'E').Body, 'C'));
    }
}

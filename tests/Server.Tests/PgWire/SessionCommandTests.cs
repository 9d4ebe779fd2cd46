using System.Globalization;
using DeepSql.Server.Tests.Support;
using Npgsql;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

[Collection(PgServerCollection.Name)]
public sealed class SessionCommandTests(PgServerFixture fixture)
{
    [Fact]
    public async Task Set_and_show_deepsql_settings_reach_the_session_context()
    {
        await using var connection = await fixture.OpenAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await using var command = new NpgsqlCommand("SET deepsql.batch_size = 8", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SET deepsql.strict TO on";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SHOW deepsql.batch_size";
        Assert.Equal("8", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT noisy(1)";
        await command.ExecuteScalarAsync();
        Assert.Contains("batch_size=8 strict=True", notices);

        command.CommandText = "RESET deepsql.batch_size";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SHOW deepsql.batch_size";
        Assert.Equal("32", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Set_reads_escape_strings_and_nested_comments()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SET application_name = /* a /* nested */ comment */ E'it\\'s'", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SHOW application_name";
        Assert.Equal("it's", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Psql_set_show_and_invalid_values()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "SET application_name = 'psql test'; SHOW application_name; SET statement_timeout = '5s'; SHOW statement_timeout; " +
            "SHOW TRANSACTION ISOLATION LEVEL; SET search_path TO main, public; SHOW search_path; SHOW server_version; SHOW DateStyle");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("psql test\n5s\nread committed\nmain, public\n15.0\nISO, MDY", result.Stdout);

        var bad = await Psql.RunAsync(fixture.Port, "SET extra_float_digits = 9");
        Assert.Contains("22023", bad.Stderr);
        var readOnly = await Psql.RunAsync(fixture.Port, "SET server_version = '1'");
        Assert.Contains("55P02", readOnly.Stderr);
    }

    [Fact]
    public async Task Set_time_zone_is_reported_and_changes_timestamptz_text()
    {
        await using var connection = await fixture.OpenAsync();
        Assert.Equal("UTC", connection.Timezone);
        await using var command = new NpgsqlCommand("SET TIME ZONE 'Asia/Tokyo'", connection);
        await command.ExecuteNonQueryAsync();
        Assert.Equal("Asia/Tokyo", connection.Timezone);

        var result = await Psql.RunAsync(fixture.Port,
            "SET TIME ZONE 'Asia/Tokyo'; SELECT TIMESTAMPTZ '2024-01-01 00:00:00.25+00'; RESET TimeZone; SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00'");
        Assert.Equal("2024-01-01 09:00:00.25+09\n2024-01-01 00:00:00+00", result.Stdout);
    }

    [Fact]
    public async Task Session_characteristics_and_transaction_warnings()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE; SHOW default_transaction_isolation; " +
            "COMMIT; BEGIN; BEGIN; START TRANSACTION READ ONLY; ROLLBACK");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("serializable", result.Stdout);
        Assert.Contains("there is no transaction in progress", result.Stderr);
        Assert.Contains("there is already a transaction in progress", result.Stderr);
    }

    [Fact]
    public async Task Show_all_lists_settings()
    {
        var result = await Psql.RunAsync(fixture.Port, "SHOW ALL");
        Assert.Contains("deepsql.batch_size|32|", result.Stdout);
        Assert.Contains("standard_conforming_strings|on|", result.Stdout);
    }

    [Fact]
    public async Task Transaction_status_follows_begin_error_rollback()
    {
        await using var client = await RawPgClient.StartupAsync(fixture.Port);
        async Task<char> StatusAfter(string sql)
        {
            await client.SendAsync('Q', RawPgClient.CString(sql));
            var messages = await client.ReadUntilAsync('Z');
            return (char)messages[^1].Body[0];
        }

        Assert.Equal('T', await StatusAfter("BEGIN"));
        Assert.Equal('T', await StatusAfter("SELECT 1"));
        Assert.Equal('E', await StatusAfter("SELECT * FROM no_table_in_tx"));
        await client.SendAsync('Q', RawPgClient.CString("SELECT 1"));
        var ignored = await client.ReadUntilAsync('Z');
        Assert.Equal("25P02", RawPgClient.Field(ignored.Single(m => m.Type == 'E').Body, 'C'));
        Assert.Equal('I', await StatusAfter("ROLLBACK"));
        Assert.Equal('I', await StatusAfter("SELECT 1"));
    }

    [Fact]
    public async Task Rolled_back_transaction_leaves_no_rows_and_commit_keeps_them()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TABLE tx_rows (id INTEGER)", connection);
        await command.ExecuteNonQueryAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            command.CommandText = "INSERT INTO tx_rows VALUES (1)";
            await command.ExecuteNonQueryAsync();
            await tx.RollbackAsync();
        }

        await using (var tx = await connection.BeginTransactionAsync())
        {
            command.CommandText = "INSERT INTO tx_rows VALUES (2)";
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        command.CommandText = "SELECT string_agg(id::VARCHAR, ',') FROM tx_rows";
        Assert.Equal("2", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Cursor_declare_fetch_close()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "BEGIN; DECLARE c CURSOR FOR SELECT i FROM range(10) t(i); FETCH 3 FROM c; FETCH NEXT c; MOVE 2 IN c; FETCH ALL FROM c; CLOSE c; COMMIT",
            tuplesOnly: false);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n').Where(l => l.Length > 0).ToArray();
        Assert.Equal(["BEGIN", "DECLARE CURSOR", "i", "0", "1", "2", "(3 rows)", "i", "3", "(1 row)", "MOVE 2", "i", "6", "7", "8", "9", "(4 rows)", "CLOSE CURSOR", "COMMIT"], lines);
    }

    [Fact]
    public async Task Cursor_read_partly_keeps_its_rows_across_a_later_statement()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "BEGIN; DECLARE c2 CURSOR FOR SELECT i FROM range(1000) t(i) ORDER BY i; FETCH 1 FROM c2; SELECT 'between'; " +
            "FETCH 300 FROM c2; FETCH ALL FROM c2; COMMIT");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.Split('\n');
        Assert.Equal(["0", "between", .. Enumerable.Range(1, 999).Select(i => i.ToString(CultureInfo.InvariantCulture))], lines);
    }

    [Fact]
    public async Task Two_cursors_fetched_alternately_both_answer()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "BEGIN; DECLARE a CURSOR FOR SELECT 'a' || i FROM range(600) t(i) ORDER BY i; " +
            "DECLARE b CURSOR FOR SELECT 'b' || i FROM range(600) t(i) ORDER BY i; " +
            "FETCH 2 FROM a; FETCH 2 FROM b; FETCH 299 FROM a; FETCH 1 FROM b; FETCH ALL FROM a; FETCH ALL FROM b; COMMIT");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        string[] a = [.. Enumerable.Range(0, 600).Select(i => "a" + i)];
        string[] b = [.. Enumerable.Range(0, 600).Select(i => "b" + i)];
        Assert.Equal([.. a[..2], .. b[..2], .. a[2..301], .. b[2..3], .. a[301..], .. b[3..]], result.Stdout.Split('\n'));
    }

    [Fact]
    public async Task Npgsql_reads_two_cursors_alternately()
    {
        await using var connection = await fixture.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var declare = new NpgsqlCommand(
            "DECLARE x CURSOR FOR SELECT i FROM range(5000) t(i) ORDER BY i; " +
            "DECLARE y CURSOR FOR SELECT i * 10 FROM range(5000) t(i) ORDER BY i", connection, transaction))
        {
            await declare.ExecuteNonQueryAsync();
        }

        var x = new List<long>();
        var y = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            x.AddRange(await FetchAsync("FETCH 1000 FROM x"));
            y.AddRange(await FetchAsync("FETCH 1000 FROM y"));
        }

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), x);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => 10L * i), y);
        Assert.Empty(await FetchAsync("FETCH 1 FROM x"));

        async Task<List<long>> FetchAsync(string sql)
        {
            await using var fetch = new NpgsqlCommand(sql, connection, transaction);
            await using var reader = await fetch.ExecuteReaderAsync();
            var values = new List<long>();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetInt64(0));
            }

            return values;
        }
    }

    [Fact]
    public async Task Cursor_too_large_to_set_aside_is_named_with_54000_and_keeps_every_row()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(
            "DECLARE huge CURSOR WITH HOLD FOR SELECT i, repeat('x', 100000) AS pad FROM range(2000) t(i)", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "MOVE 1 FROM huge";
        Assert.Equal(1, await command.ExecuteNonQueryAsync());

        // ~200 kB per row as held values: past 256 MiB the later statement fails, naming the cursor
        command.CommandText = "SELECT 'after'";
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        Assert.Equal("54000", error.SqlState);
        Assert.StartsWith("cursor \"huge\" holds more than 256 MiB of unread rows", error.MessageText);

        // the cursor lost no row; once it is closed other statements run again
        command.CommandText = "MOVE ALL FROM huge";
        Assert.Equal(1999, await command.ExecuteNonQueryAsync());
        command.CommandText = "CLOSE huge";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SELECT 'after'";
        Assert.Equal("after", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Declare_outside_a_transaction_needs_with_hold()
    {
        var result = await Psql.RunAsync(fixture.Port, "DECLARE c CURSOR FOR SELECT 1");
        Assert.Contains("25P01", result.Stderr);
    }

    [Fact]
    public async Task Discard_all_resets_settings_and_prepared_statements()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "SET deepsql.batch_size = 4; DISCARD ALL; SHOW deepsql.batch_size; LISTEN x; UNLISTEN *; DEALLOCATE ALL", tuplesOnly: false);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["SET", "DISCARD ALL", "deepsql.batch_size", "32", "(1 row)", "LISTEN", "UNLISTEN", "DEALLOCATE ALL"],
            result.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('-')).ToArray());
    }

    [Fact]
    public async Task Select_set_config_sets_the_setting_as_set_does()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT set_config('search_path', 'public', false)", connection);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal("set_config", reader.GetName(0));
            Assert.Equal("text", reader.GetDataTypeName(0));
            Assert.Equal("public", reader.GetString(0));
        }

        command.CommandText = "SHOW search_path";
        Assert.Equal("public", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT current_setting('search_path')";
        Assert.Equal("public", await command.ExecuteScalarAsync());

        // reported settings send ParameterStatus; pg_catalog. prefix, an alias and a $1 parameter are understood
        command.CommandText = "SELECT pg_catalog.set_config('application_name', 'bi tool', false) AS v";
        Assert.Equal("bi tool", await command.ExecuteScalarAsync());
        Assert.Equal("bi tool", connection.PostgresParameters["application_name"]);
        await using var withParameter = new NpgsqlCommand("SELECT set_config('application_name', $1, false)", connection);
        withParameter.Parameters.AddWithValue("from a parameter");
        Assert.Equal("from a parameter", await withParameter.ExecuteScalarAsync());
        Assert.Equal("from a parameter", connection.PostgresParameters["application_name"]);

        command.CommandText = "SELECT set_config('extra_float_digits', '9', false)";
        Assert.Equal("22023", (await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync())).SqlState);
    }

    [Fact]
    public async Task Set_config_is_local_lasts_until_the_end_of_the_transaction()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT set_config('statement_timeout', '2s', true)", connection);
        // outside a transaction block: the value is answered, the setting is unchanged
        Assert.Equal("2s", await command.ExecuteScalarAsync());
        Assert.Equal("0", await ShowAsync(connection, "statement_timeout"));

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            command.Transaction = transaction;
            Assert.Equal("2s", await command.ExecuteScalarAsync());
            Assert.Equal("2s", await ShowAsync(connection, "statement_timeout"));
            await transaction.CommitAsync();
        }

        Assert.Equal("0", await ShowAsync(connection, "statement_timeout"));
    }

    [Fact]
    public async Task Set_local_ends_with_the_transaction_and_warns_outside_one()
    {
        var result = await Psql.RunAsync(fixture.Port,
            "SET statement_timeout = '5s'; BEGIN; SET LOCAL statement_timeout = '1s'; SHOW statement_timeout; COMMIT; " +
            "SHOW statement_timeout; BEGIN; SET LOCAL statement_timeout = '1s'; ROLLBACK; SHOW statement_timeout");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1s\n5s\n5s", result.Stdout);

        await using var connection = await fixture.OpenAsync();
        var warnings = new List<(string Severity, string SqlState, string Text)>();
        connection.Notice += (_, e) => warnings.Add((e.Notice.Severity, e.Notice.SqlState, e.Notice.MessageText));
        await using var command = new NpgsqlCommand("SET LOCAL statement_timeout = '1s'", connection);
        await command.ExecuteNonQueryAsync();
        Assert.Equal([("WARNING", "25P01", "SET LOCAL can only be used in transaction blocks")], warnings);
        Assert.Equal("0", await ShowAsync(connection, "statement_timeout"));
    }

    [Fact]
    public async Task Several_statements_in_one_query_are_one_implicit_transaction()
    {
        // as in PostgreSQL: an error in any statement of a Query message undoes the others; success commits them all
        await Psql.RunAsync(fixture.Port, "CREATE TABLE implicit_tx (i INTEGER)");
        var failed = await Psql.RunAsync(fixture.Port, "INSERT INTO implicit_tx VALUES (1); SELECT * FROM implicit_tx_nope");
        Assert.Contains("implicit_tx_nope does not exist", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", (await Psql.RunAsync(fixture.Port, "SELECT count(*) FROM implicit_tx")).Stdout);

        var bad = await Psql.RunAsync(fixture.Port, "INSERT INTO implicit_tx VALUES (2); SELEC 1");
        Assert.Contains("syntax error", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", (await Psql.RunAsync(fixture.Port, "SELECT count(*) FROM implicit_tx")).Stdout);

        var ok = await Psql.RunAsync(fixture.Port, "INSERT INTO implicit_tx VALUES (3); INSERT INTO implicit_tx VALUES (4); SELECT count(*) FROM implicit_tx");
        Assert.Equal("2", ok.Stdout);
        Assert.Equal("2", (await Psql.RunAsync(fixture.Port, "SELECT count(*) FROM implicit_tx")).Stdout);

        // SET LOCAL lasts until the end of the Query's implicit transaction, without a warning
        var local = await Psql.RunAsync(fixture.Port, "SET LOCAL statement_timeout = '5s'; SHOW statement_timeout");
        Assert.Equal("5s", local.Stdout);
        Assert.DoesNotContain("WARNING", local.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_undoes_set_and_reports_the_value_back()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SET application_name = 'before'", connection);
        await command.ExecuteNonQueryAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            command.CommandText = "SET application_name = 'inside'";
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync();
            Assert.Equal("inside", connection.PostgresParameters["application_name"]);
            await transaction.RollbackAsync();
        }

        Assert.Equal("before", await ShowAsync(connection, "application_name"));
        Assert.Equal("before", connection.PostgresParameters["application_name"]);

        // a failed block's ROLLBACK undoes it too
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            command.CommandText = "SET application_name = 'failed'";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "SELECT * FROM no_such_table";
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal("before", await ShowAsync(connection, "application_name"));

        // COMMIT keeps a plain SET, also after a SET LOCAL of the same setting
        var committed = await Psql.RunAsync(fixture.Port,
            "BEGIN; SET search_path = main; SET LOCAL search_path = public; SHOW search_path; COMMIT; SHOW search_path");
        Assert.Equal("public\nmain", committed.Stdout);
    }

    private static async Task<string?> ShowAsync(NpgsqlConnection connection, string name)
    {
        await using var show = new NpgsqlCommand("SHOW " + name, connection);
        return (string?)await show.ExecuteScalarAsync();
    }
}

namespace DeepSql.Clients.Tests;

/// <summary>psql 15 (Debian) as a process with -X: its backslash commands send catalog queries the service emulates.</summary>
[Collection("clients")]
public sealed class PsqlTests(ServiceFixture service) : IAsyncLifetime
{
    public Task InitializeAsync() => service.ExecuteAsync(
        "CREATE TABLE IF NOT EXISTS psql_items (id INTEGER, name VARCHAR, price DOUBLE); " +
        "DELETE FROM psql_items; INSERT INTO psql_items VALUES (1, 'apple', 1.5), (2, 'pear', 2.25)");

    public Task DisposeAsync() => Task.CompletedTask;

    private ProcessResult Ok(params string[] args)
    {
        var r = service.Psql(args);
        Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, $"psql {string.Join(' ', args)}\n{r}");
        return r;
    }

    private static string[] Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Backslash_d_lists_the_table_with_schema_name_and_type()
    {
        var r = Ok("-A", "-c", @"\d");
        // unaligned: header "Schema|Name|Type|Owner", then one line per relation
        Assert.Equal("Schema|Name|Type|Owner", Lines(r.Stdout)[1]);
        Assert.Contains(Lines(r.Stdout), l => l.StartsWith("public|psql_items|table|", StringComparison.Ordinal));
    }

    [Fact]
    public void Backslash_dt_lists_tables_only()
    {
        var r = Ok("-A", "-c", @"\dt");
        Assert.Contains(Lines(r.Stdout), l => l.StartsWith("public|psql_items|table|", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(r.Stdout).Skip(2), l => !l.StartsWith('(') && !l.Contains("|table|", StringComparison.Ordinal));
    }

    [Fact]
    public void Backslash_d_table_shows_columns_with_postgres_type_names()
    {
        var r = Ok("-A", "-c", @"\d psql_items");
        var lines = Lines(r.Stdout);
        Assert.Contains("id|integer|||", lines);
        // DuckDB has one string type (VARCHAR = TEXT); the service names it text, as PostgreSQL names a text column
        Assert.Contains("name|text|||", lines);
        Assert.Contains("price|double precision|||", lines);
    }

    [Fact]
    public void Backslash_df_lists_the_model_functions_with_argument_and_result_types()
    {
        var r = Ok("-A", "-c", @"\df");
        var lines = Lines(r.Stdout);
        Assert.Equal("Schema|Name|Result data type|Argument data types|Type", lines[1]);
        // featurize(image bytea) → real[]; embed(text) → real[]
        var featurize = Assert.Single(lines, l => l.Split('|') is [_, "featurize", ..]);
        var embed = Assert.Single(lines, l => l.Split('|') is [_, "embed", ..]);
        // psql prints "name type" per argument, as PostgreSQL stores proargnames
        Assert.Equal("public|featurize|real[]|image bytea|func", featurize);
        Assert.Matches(@"^public\|embed\|real\[\]\|(\w+ )?text\|func$", embed);
    }

    [Fact]
    public void Backslash_l_lists_the_deepsql_database()
    {
        var r = Ok("-A", "-c", @"\l");
        var lines = Lines(r.Stdout);
        Assert.StartsWith("Name|Owner|Encoding|", lines[1], StringComparison.Ordinal);
        var deepsql = Assert.Single(lines, l => l.StartsWith("deepsql|", StringComparison.Ordinal));
        Assert.Equal("UTF8", deepsql.Split('|')[2]);
    }

    [Fact]
    public void Expanded_output_prints_one_column_per_line()
    {
        var r = Ok("-c", @"\x on", "-c", "SELECT id, name FROM psql_items WHERE id = 2");
        Assert.Contains("Expanded display is on.", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-[ RECORD 1 ]", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("id   | 2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("name | pear", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_to_stdout_writes_tab_separated_rows()
    {
        var r = Ok("-c", @"\copy (SELECT id, name, price FROM psql_items ORDER BY id) to stdout");
        Assert.Equal("1\tapple\t1.5\n2\tpear\t2.25\n", r.Stdout);
    }

    [Fact]
    public void Copy_to_stdout_with_csv_header()
    {
        var r = Ok("-c", @"\copy (SELECT id, name FROM psql_items ORDER BY id) to stdout with (format csv, header)");
        Assert.Equal("id,name\n1,apple\n2,pear\n", r.Stdout);
    }

    [Fact]
    public void An_error_prints_the_sqlstate_in_verbose_mode_and_psql_exits_1()
    {
        var r = service.Psql("-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-c", "SELECT * FROM psql_no_such_table");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("ERROR:  42P01:", r.Stderr, StringComparison.Ordinal);
    }
}

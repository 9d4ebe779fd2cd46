using Xunit;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbErrorTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    [Theory]
    [InlineData("SELEC 1", "42601")]
    [InlineData("SELECT * FROM no_such_table", "42P01")]
    [InlineData("SELECT no_such_function(1)", "42883")]
    [InlineData("SELECT no_such_column FROM range(1)", "42703")]
    [InlineData("SELECT 'abc'::INTEGER", "22P02")]
    [InlineData("SELECT 300::TINYINT", "22003")]
    [InlineData("SELECT 9223372036854775807::BIGINT + 1", "22003")]
    [InlineData("INSERT INTO err_t VALUES (1, 'dup')", "23505")]
    [InlineData("INSERT INTO err_t VALUES (2, NULL)", "23502")]
    [InlineData("CREATE TABLE err_t (id INTEGER)", "42P07")]
    [InlineData("CREATE SCHEMA err_s", "42710")]
    public void Errors_carry_their_sqlstate_and_the_session_survives(string sql, string sqlState)
    {
        using var session = fixture.Open();
        session.Rows("CREATE TABLE IF NOT EXISTS err_t (id INTEGER PRIMARY KEY, v VARCHAR NOT NULL)");
        session.Rows("INSERT OR IGNORE INTO err_t VALUES (1, 'one')");
        session.Rows("CREATE SCHEMA IF NOT EXISTS err_s");

        var error = session.Fails(sql);
        Assert.Equal(sqlState, error.SqlState);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain(" Error: ", error.Message, StringComparison.Ordinal);

        Assert.Equal(7, session.Scalar("SELECT 7"));
    }

    [Fact]
    public void Messages_are_duckdbs_without_the_error_class_prefix()
    {
        using var session = fixture.Open();
        var error = session.Fails("SELECT * FROM no_such_table_msg");
        Assert.StartsWith("Table with name no_such_table_msg does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_read_as_one_line_without_the_caret_excerpt()
    {
        using var session = fixture.Open();
        var error = session.Fails("SELEC 1");
        Assert.Equal("syntax error at or near \"SELEC\"", error.Message);
    }

    [Fact]
    public void A_failed_transaction_needs_rollback_and_then_works()
    {
        using var session = fixture.Open();
        session.Rows("BEGIN");
        Assert.Equal("22P02", session.Fails("SELECT 'x'::INTEGER").SqlState);
        Assert.Equal("25P02", session.Fails("SELECT 1").SqlState);
        session.Rows("ROLLBACK");
        Assert.Equal(1, session.Scalar("SELECT 1"));
    }

    [Theory]
    [InlineData("SELEC 1", 1)]
    [InlineData("SELECT nope FROM (SELECT 1 AS a) t", 8)]
    [InlineData("SELECT * FROM no_such_table", 15)]
    [InlineData("SELECT a,\n  nope FROM (SELECT 1 AS a) t", 13)]
    [InlineData("SELECT a,\r\n  nope FROM (SELECT 1 AS a) t", 14)]
    [InlineData("select 'é', nope from (select 1 a) t", 13)]
    [InlineData("select '日本', nope from (select 1 a) t", 14)]
    [InlineData("select '😀', nope from (select 1 a) t", 13)]
    public void Errors_carry_the_position_duckdb_points_at(string sql, int position)
    {
        using var session = fixture.Open();
        var error = session.Fails(sql);
        Assert.Equal(position, error.Position);
        Assert.DoesNotContain("LINE ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("^", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_is_found_in_a_long_line_duckdb_cuts_short()
    {
        using var session = fixture.Open();
        var columns = string.Join(", ", Enumerable.Range(1, 60).Select(i => $"{i} AS c{i}"));
        var sql = $"SELECT {columns}, nope, {columns} FROM (SELECT 1 AS a) t";
        var error = session.Fails(sql);
        Assert.Equal(sql.IndexOf("nope", StringComparison.Ordinal) + 1, error.Position);
    }

    [Fact]
    public void Errors_without_an_excerpt_have_no_position()
    {
        using var session = fixture.Open();
        Assert.Null(session.Fails("SELECT error('raised while running')").Position);
    }

    [Fact]
    public void A_syntax_error_at_end_of_input_points_past_the_text()
    {
        // DuckDB gives no excerpt for it; PostgreSQL's position is one past the last character
        using var session = fixture.Open();
        Assert.Equal(11, session.Fails("SELECT 1 +").Position);
        Assert.Equal(13, session.Fails("SELECT ('é' ").Position); // counted in characters, trailing space too
    }
}

using Xunit;
using DeepSql.Udf.Engines.DuckDb;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbStatementsTests
{
    [Fact]
    public void Split_cuts_at_top_level_semicolons_only()
    {
        var sql = """
            SELECT 'a;b', "odd;name" FROM t; -- trailing; comment
            /* block; /* nested; */ still; */ SELECT $$dollar;quoted$$, $tag$x;y$tag$;
            SELECT E'it\'s;', 'it''s;' ;;
            SELECT $1; -- only a comment here;
            """;
        var statements = DuckDbStatements.SplitStatements(sql);
        Assert.Equal(4, statements.Count);
        Assert.Equal("SELECT 'a;b', \"odd;name\" FROM t", statements[0]);
        Assert.EndsWith("SELECT $$dollar;quoted$$, $tag$x;y$tag$", statements[1], StringComparison.Ordinal);
        Assert.Equal("SELECT E'it\\'s;', 'it''s;'", statements[2]);
        Assert.Equal("SELECT $1", statements[3]);
    }

    [Fact]
    public void Split_of_only_comments_and_whitespace_is_empty()
    {
        Assert.Empty(DuckDbStatements.SplitStatements("  ; -- nothing\n /* here */ ;"));
    }

    [Fact]
    public void Split_keeps_an_unterminated_string_in_the_last_statement()
    {
        Assert.Equal(["SELECT 1", "SELECT 'open; still"], DuckDbStatements.SplitStatements("SELECT 1; SELECT 'open; still"));
    }

    [Theory]
    [InlineData("select 1", "SELECT")]
    [InlineData("/* c */ (SELECT 1)", "SELECT")]
    [InlineData("insert into t values (1)", "INSERT")]
    [InlineData("CREATE UNIQUE INDEX i ON t (a)", "CREATE INDEX")]
    [InlineData("create or replace temporary view v as select 1", "CREATE VIEW")]
    [InlineData("CREATE TABLE IF NOT EXISTS t (a INT)", "CREATE TABLE")]
    [InlineData("CREATE MACRO m(a) AS a + 1", "CREATE FUNCTION")]
    [InlineData("DROP SCHEMA IF EXISTS s", "DROP SCHEMA")]
    [InlineData("ALTER TABLE t ADD COLUMN b INT", "ALTER TABLE")]
    [InlineData("START TRANSACTION", "BEGIN")]
    [InlineData("END", "COMMIT")]
    [InlineData("ABORT", "ROLLBACK")]
    [InlineData("TRUNCATE t", "TRUNCATE TABLE")]
    [InlineData("FROM t", "SELECT")]
    [InlineData("   ", "EMPTY")]
    public void Statement_kind_reads_the_leading_keywords(string sql, string kind)
    {
        Assert.Equal(kind, DuckDbStatements.StatementKind(sql));
    }
}

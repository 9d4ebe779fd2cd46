using Xunit;
using DeepSql.Udf.Engines.DuckDb;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbStatementsTests
{
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

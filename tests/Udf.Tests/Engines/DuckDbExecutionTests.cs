using Xunit;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbExecutionTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    [Fact]
    public void Batches_respect_max_rows_and_end_with_false()
    {
        using var session = fixture.Open();
        using var result = session.Execute("SELECT * FROM range(10)");
        Assert.True(result.TryReadBatch(4, out var a));
        Assert.True(result.TryReadBatch(4, out var b));
        Assert.True(result.TryReadBatch(4, out var c));
        Assert.False(result.TryReadBatch(4, out var d));
        Assert.Equal([4, 4, 2, 0], new[] { a, b, c, d }.Select(x => x.Rows.Count));
        Assert.Equal(9L, c.Rows[1][0]);
    }

    [Fact]
    public void Positional_parameters_bind_clr_values()
    {
        using var session = fixture.Open();
        var row = Assert.Single(session.Rows("SELECT $1 + 1, $2 || '!', $3::BLOB, $4, $5::DATE", 41, "hi", new byte[] { 1, 2 }, null, new DateOnly(2024, 1, 2)));
        Assert.Equal(42, Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("hi!", row[1]);
        Assert.Equal(new byte[] { 1, 2 }, row[2]);
        Assert.Null(row[3]);
        Assert.Equal(new DateOnly(2024, 1, 2), row[4]);
    }

    [Fact]
    public void Parameters_of_richer_types_round_trip()
    {
        using var session = fixture.Open();
        var id = Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        var row = Assert.Single(session.Rows("SELECT $1::UUID, $2::DECIMAL(10,2), $3::TIMESTAMP, $4::BOOLEAN, $5::DOUBLE, $6::FLOAT[], $7::INTERVAL",
            id, 12.5m, new DateTime(2024, 5, 6, 7, 8, 9), true, 0.25d, new[] { 1f, 2f }, new SqlInterval(1, 2, 3_000_000)));
        Assert.Equal(id, row[0]);
        Assert.Equal(12.5m, row[1]);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), row[2]);
        Assert.Equal(true, row[3]);
        Assert.Equal(0.25d, row[4]);
        Assert.Equal(new[] { 1f, 2f }, row[5]);
        Assert.Equal(new SqlInterval(1, 2, 3_000_000), row[6]);
    }

    [Fact]
    public void Parameter_reused_by_number()
    {
        using var session = fixture.Open();
        Assert.Equal(10L, session.Scalar("SELECT $1::BIGINT * $1::BIGINT - $2::BIGINT", 4L, 6L));
    }

    [Fact]
    public void Describe_gives_columns_and_parameter_types_without_running()
    {
        using var session = fixture.Open();
        session.Rows("CREATE TABLE describe_t (id INTEGER, name VARCHAR)");
        var description = session.Describe("SELECT id, name, [1.0::FLOAT] AS v FROM describe_t WHERE id = $1 AND name = $2");
        Assert.Equal(["id", "name", "v"], description.Columns.Select(c => c.Name));
        Assert.Equal([SqlTypeKind.Int32, SqlTypeKind.Text, SqlTypeKind.List], description.Columns.Select(c => c.Type.Kind));
        Assert.Equal([SqlTypeKind.Int32, SqlTypeKind.Text], description.ParameterTypes.Select(p => p.Kind));

        var insert = session.Describe("INSERT INTO describe_t VALUES ($1, $2)");
        Assert.Empty(insert.Columns);
        Assert.Equal(2, insert.ParameterTypes.Count);
        Assert.Equal(0L, session.Scalar("SELECT count(*) FROM describe_t"));
    }

    [Fact]
    public void Describe_of_an_untyped_parameter_is_unknown()
    {
        using var session = fixture.Open();
        var description = session.Describe("SELECT $1 AS p");
        Assert.Equal(SqlTypeKind.Unknown, Assert.Single(description.ParameterTypes).Kind);
        // DuckDB cannot type the result before the parameter is bound either.
        Assert.Equal(SqlTypeKind.Unknown, Assert.Single(description.Columns).Type.Kind);
        using var result = session.Execute("SELECT $1 AS p", [5]);
        Assert.Equal(("p", SqlTypeKind.Int32), (result.Columns[0].Name, result.Columns[0].Type.Kind));
    }

    [Fact]
    public void Several_statements_in_one_call_are_refused_with_42601()
    {
        using var session = fixture.Open();
        Assert.Equal("42601", Assert.Throws<EngineException>(() => session.Execute("SELECT 1; SELECT 2")).SqlState);
        Assert.Equal(1, session.Scalar("SELECT 1;"));
    }

    [Fact]
    public void Describe_of_a_bad_statement_fails_with_its_sqlstate()
    {
        using var session = fixture.Open();
        Assert.Equal("42P01", Assert.Throws<EngineException>(() => session.Describe("SELECT * FROM no_such_describe")).SqlState);
    }

    [Fact]
    public void Dml_reports_rows_affected_and_its_statement_kind()
    {
        using var session = fixture.Open();
        using (var create = session.Execute("CREATE TABLE dml_t (id INTEGER PRIMARY KEY, v VARCHAR)"))
        {
            Assert.False(create.ReturnsRows);
            Assert.Empty(create.Columns);
            Assert.Equal("CREATE TABLE", create.StatementKind);
            Assert.False(create.TryReadBatch(10, out _));
        }

        using (var insert = session.Execute("INSERT INTO dml_t SELECT range, 'x' FROM range(5)"))
        {
            Assert.Equal(("INSERT", 5L, false), (insert.StatementKind, insert.RowsAffected, insert.ReturnsRows));
        }

        using (var update = session.Execute("UPDATE dml_t SET v = 'y' WHERE id < 2"))
        {
            Assert.Equal(("UPDATE", 2L), (update.StatementKind, update.RowsAffected));
        }

        using (var delete = session.Execute("DELETE FROM dml_t WHERE id = 4"))
        {
            Assert.Equal(("DELETE", 1L), (delete.StatementKind, delete.RowsAffected));
        }

        var returning = session.Execute("INSERT INTO dml_t VALUES (10, 'r') RETURNING id, v");
        Assert.True(returning.ReturnsRows);
        Assert.Equal("INSERT", returning.StatementKind);
        Assert.True(returning.TryReadBatch(10, out var batch));
        Assert.Equal(new object?[] { 10, "r" }, batch.Rows[0]);
        returning.Dispose();

        Assert.Equal(new object?[] { 0, "y" }, session.Rows("SELECT * FROM dml_t ORDER BY id")[0]);
    }

    [Theory]
    [InlineData("SELECT 1", "SELECT", true)]
    [InlineData("  -- comment\n WITH x AS (SELECT 1 AS a) SELECT * FROM x", "SELECT", true)]
    [InlineData("VALUES (1), (2)", "SELECT", true)]
    [InlineData("SHOW TABLES", "SELECT", true)]
    [InlineData("DESCRIBE SELECT 1 AS a", "SELECT", true)]
    [InlineData("PRAGMA version", "SELECT", true)]
    [InlineData("CREATE SCHEMA kind_s", "CREATE SCHEMA", false)]
    [InlineData("CREATE OR REPLACE VIEW kind_v AS SELECT 1 AS a", "CREATE VIEW", false)]
    [InlineData("CREATE TEMP TABLE kind_t (a INTEGER)", "CREATE TABLE", false)]
    [InlineData("DROP TABLE IF EXISTS kind_missing", "DROP TABLE", false)]
    [InlineData("BEGIN TRANSACTION", "BEGIN", false)]
    public void Statement_kind_names_the_command_tag(string sql, string kind, bool returnsRows)
    {
        using var session = fixture.Open();
        using var result = session.Execute(sql);
        Assert.Equal((kind, returnsRows), (result.StatementKind, result.ReturnsRows));
    }

    [Fact]
    public void Tables_persist_in_the_database_file_across_sessions()
    {
        using (var writer = fixture.Open())
        {
            writer.Rows("CREATE TABLE persist_t AS SELECT range AS id FROM range(3)");
        }

        using var reader = fixture.Open();
        Assert.Equal(3L, reader.Scalar("SELECT count(*) FROM persist_t"));
        Assert.True(File.Exists(Path.Combine(fixture.DataDir, "deepsql.duckdb")));
    }

    [Fact]
    public void A_new_statement_ends_an_unread_result()
    {
        using var session = fixture.Open();
        var first = session.Execute("SELECT * FROM range(100000)");
        Assert.True(first.TryReadBatch(10, out _));
        Assert.Equal(2, session.Scalar("SELECT 2"));
        first.Dispose();
    }
}

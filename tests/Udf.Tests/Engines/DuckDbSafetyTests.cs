using Xunit;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Tests.Engines;

public sealed class DuckDbSafetyTests(DuckDbEngineFixture fixture) : IClassFixture<DuckDbEngineFixture>
{
    [Theory]
    [InlineData("SELECT * FROM read_blob('/etc/passwd')")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("COPY (SELECT 1) TO '/tmp/deepsql-engine-copy-test.csv'")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("ATTACH '/tmp/deepsql-engine-attach-test.duckdb' AS other")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET allowed_directories = ['/']")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("RESET enable_external_access")]
    public void Refused_with_insufficient_privilege(string sql)
    {
        using var session = fixture.Open();
        var error = session.Fails(sql);
        Assert.Equal("42501", error.SqlState);
        Assert.Equal(1, session.Scalar("SELECT 1"));
        Assert.False(File.Exists("/tmp/deepsql-engine-copy-test.csv"));
        Assert.False(File.Exists("/tmp/deepsql-engine-attach-test.duckdb"));
    }

    [Theory]
    [InlineData("COPY (SELECT 1) TO '{files}/out.csv'")]
    [InlineData("COPY safety_src TO '{data}/models/x.onnx'")]
    [InlineData("COPY main.safety_src (id) TO '{files}/out.csv'")]
    [InlineData("COPY FROM DATABASE deepsql TO other")]
    [InlineData("EXPORT DATABASE '{files}/export'")]
    [InlineData("ATTACH '{data}/other.duckdb' AS other")]
    [InlineData("LOAD '{files}/evil.duckdb_extension'")]
    [InlineData("PREPARE p AS COPY (SELECT 1) TO '{files}/out.csv'")]
    [InlineData("/* c */ copy safety_src to '{files}/out.parquet' (FORMAT parquet)")]
    public void Writes_into_allowed_folders_are_refused_too(string template)
    {
        using var session = fixture.Open();
        session.Rows("CREATE TABLE IF NOT EXISTS safety_src AS SELECT 1 AS id");
        var sql = template.Replace("{files}", fixture.FilesDir, StringComparison.Ordinal).Replace("{data}", fixture.DataDir, StringComparison.Ordinal);
        Assert.Equal("42501", session.Fails(sql).SqlState);
        Assert.Equal("42501", Assert.Throws<EngineException>(() => session.Describe(sql)).SqlState);
        Assert.Empty(Directory.EnumerateFileSystemEntries(fixture.FilesDir, "out*"));
        Assert.False(Directory.Exists(Path.Combine(fixture.FilesDir, "export")));
        Assert.False(File.Exists(Path.Combine(fixture.DataDir, "other.duckdb")));
    }

    [Fact]
    public void Copy_from_a_file_under_an_allowed_folder_loads_rows()
    {
        File.WriteAllText(Path.Combine(fixture.FilesDir, "in.csv"), "id,name\n1,a\n2,b\n");
        using var session = fixture.Open();
        session.Rows("CREATE TABLE copy_in (id INTEGER, name VARCHAR)");
        using var copy = session.Execute($"COPY copy_in FROM '{fixture.FilesDir}/in.csv' (HEADER)");
        Assert.Equal("COPY", copy.StatementKind);
        Assert.Equal(2L, copy.RowsAffected);
        Assert.Equal("b", session.Scalar("SELECT name FROM copy_in WHERE id = 2"));
    }

    [Fact]
    public void Setting_still_reports_the_locked_value()
    {
        using var session = fixture.Open();
        Assert.Equal("false", session.Scalar("SELECT current_setting('enable_external_access')::VARCHAR"));
    }

    [Fact]
    public void Read_blob_under_an_allowed_folder_works()
    {
        File.WriteAllBytes(Path.Combine(fixture.FilesDir, "a.bin"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(fixture.FilesDir, "b.bin"), [4, 5]);
        using var session = fixture.Open();
        var rows = session.Rows($"SELECT content, size FROM read_blob('{fixture.FilesDir}/*.bin') ORDER BY filename");
        Assert.Equal(new byte[] { 1, 2, 3 }, rows[0][0]);
        Assert.Equal(new byte[] { 4, 5 }, rows[1][0]);
        Assert.Equal(2L, Convert.ToInt64(rows[1][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_working_directory()
    {
        File.WriteAllBytes(Path.Combine(fixture.FilesDir, "rel.bin"), [42]);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(fixture.FilesDir, "rel.bin"));
        Assert.False(Path.IsPathRooted(relative));
        using var session = fixture.Open();
        Assert.Equal(new byte[] { 42 }, session.Scalar($"SELECT content FROM read_blob('{relative}')"));
    }

    [Fact]
    public void Threads_are_set_explicitly()
    {
        using var session = fixture.Open();
        Assert.Equal(2L, session.Scalar("SELECT current_setting('threads')::BIGINT"));
    }

    [Fact]
    public void A_folder_sharing_a_prefix_with_an_allowed_one_is_refused()
    {
        var sibling = fixture.FilesDir + "-sibling";
        Directory.CreateDirectory(sibling);
        File.WriteAllBytes(Path.Combine(sibling, "x.bin"), [9]);
        using var session = fixture.Open();
        Assert.Equal("42501", session.Fails($"SELECT * FROM read_blob('{sibling}/x.bin')").SqlState);
    }

    [Fact]
    public void Create_table_and_insert_in_the_database_file_work()
    {
        using var session = fixture.Open();
        session.Rows("CREATE TABLE safety_t (id INTEGER)");
        using var insert = session.Execute("INSERT INTO safety_t VALUES (1), (2)");
        Assert.Equal(2L, insert.RowsAffected);
        Assert.Equal(3L, session.Scalar("SELECT sum(id)::BIGINT FROM safety_t"));
    }
}

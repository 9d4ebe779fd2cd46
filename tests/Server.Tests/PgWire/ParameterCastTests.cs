using DeepSql.Server.PgWire;
using DeepSql.Udf.Engines;
using Xunit;

namespace DeepSql.Server.Tests.PgWire;

public sealed class ParameterCastTests
{
    [Fact]
    public void Typed_placeholders_are_cast_and_quoted_ones_are_left_alone()
    {
        var sql = PgParameterCasts.Apply("SELECT $1 + 1 AS n, '$2' AS q, upper($2), x$1 FROM t WHERE $10 > 0",
            [SqlType.Int32, SqlType.Text]);
        Assert.Equal("SELECT CAST($1 AS INTEGER) + 1 AS n, '$2' AS q, upper(CAST($2 AS VARCHAR)), x$1 FROM t WHERE $10 > 0", sql);
    }

    [Fact]
    public void Unknown_types_leave_their_placeholder_and_none_known_gives_null()
    {
        Assert.Equal("SELECT $1, CAST($2 AS DATE)",
            PgParameterCasts.Apply("SELECT $1, $2", [new SqlType(SqlTypeKind.Unknown), new SqlType(SqlTypeKind.Date)]));
        Assert.Null(PgParameterCasts.Apply("SELECT $1", [new SqlType(SqlTypeKind.Unknown)]));
        Assert.Equal("SELECT CAST($1 AS TINYINT[])", PgParameterCasts.Apply("SELECT $1", [SqlType.List(new SqlType(SqlTypeKind.Int8))]));
    }
}

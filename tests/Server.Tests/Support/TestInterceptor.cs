using DeepSql.Server.Sql;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Tests.Support;

/// <summary>Answers SHOW MODELS with two rows and a notice, the way the service's interceptor answers its statements.</summary>
public sealed class TestInterceptor : IStatementInterceptor
{
    public IQueryResult? TryExecute(string sql, IEngineSession session, CancellationToken cancellationToken)
    {
        if (!sql.Trim().Equals("SHOW MODELS", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        session.Context.Notice("listing models");
        return new StatementResult("SHOW", [new ColumnInfo("name", SqlType.Text), new ColumnInfo("version", SqlType.Int32)],
            [["resnet", 1], ["minilm", 2]]);
    }
}

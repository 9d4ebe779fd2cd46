using DeepSql.Udf.Engines;

namespace DeepSql.Server.Sql;

/// <summary>
/// Statements the service answers itself before SQL reaches the engine (CREATE MODEL, DROP MODEL, SHOW MODELS).
/// Both front ends (Postgres wire, REST) ask it first; everything it declines passes to the engine untouched.
/// </summary>
public interface IStatementInterceptor
{
    /// <summary>
    /// Returns null when the statement is not one of ours. Otherwise runs it and returns its result (rows, or none
    /// with <see cref="IQueryResult.StatementKind"/> as the command tag). Errors are <see cref="EngineException"/>s
    /// with a SQLSTATE. Progress goes to <paramref name="session"/>.Context.Notice while it runs.
    /// </summary>
    IQueryResult? TryExecute(string sql, IEngineSession session, CancellationToken cancellationToken);
}

using DeepSql.Udf.Functions;

namespace DeepSql.Udf.Engines;

/// <summary>
/// A query engine that plans and runs SQL and calls model functions on batches of rows. The embedded default is
/// DuckDB in-process; a remote engine (Spark Connect) implements the same contract.
/// </summary>
public interface IQueryEngine : IAsyncDisposable
{
    /// <summary>Short name: "duckdb".</summary>
    string Name { get; }

    /// <summary>Opens one engine connection for one client session.</summary>
    IEngineSession OpenSession(SessionContext context);

    /// <summary>
    /// Makes the functions visible to every session, now and later. Registering a name again replaces its
    /// implementation (same signature) in every session.
    /// </summary>
    void RegisterFunction(ModelFunction function);

    /// <summary>Removes a function from every session; calls of it afterwards fail with 42883.</summary>
    void UnregisterFunction(string name);

    /// <summary>
    /// Makes a named text type known to every session: text values under another type name (PostgreSQL's
    /// <c>name</c>, a <c>varchar(n)</c>), usable in CAST and column definitions and converted to text wherever text is
    /// expected. Result columns of the type report the name in <see cref="SqlType.EngineName"/> (kind
    /// <see cref="SqlTypeKind.Text"/>). Registering a name again does nothing.
    /// </summary>
    void RegisterTextType(string name);
}

/// <summary>One engine connection. Not thread-safe: one statement at a time, except <see cref="Cancel"/>.</summary>
public interface IEngineSession : IDisposable
{
    /// <summary>The context functions see while this session's statements run.</summary>
    SessionContext Context { get; }

    /// <summary>
    /// Runs one SQL statement. Rows are produced as the caller reads them (streaming), never materialized whole.
    /// Results of earlier statements that are still open keep answering <see cref="IQueryResult.TryReadBatch"/>
    /// (an engine that streams one result per connection holds the earlier result's unread rows in memory, up to a
    /// limit: beyond it this call fails with 54000 and names that result in <see cref="EngineException.Result"/>).
    /// Engine errors surface as <see cref="EngineException"/> with a SQLSTATE.
    /// </summary>
    /// <param name="sql">One statement.</param>
    /// <param name="parameters">Positional parameter values ($1, $2, … or ?), CLR values as in <see cref="SqlType"/>.</param>
    /// <param name="cancellationToken">Cancels the running statement (engine interrupt).</param>
    IQueryResult Execute(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Describes a statement's result columns and parameter count without running it.</summary>
    StatementDescription Describe(string sql);

    /// <summary>Interrupts the statement running now, from any thread.</summary>
    void Cancel();
}

/// <summary>The shape of a prepared statement.</summary>
/// <param name="Columns">Result columns; empty for a statement without rows.</param>
/// <param name="ParameterTypes">One per parameter; <see cref="SqlTypeKind.Unknown"/> when the engine cannot tell.</param>
public sealed record StatementDescription(IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<SqlType> ParameterTypes);

/// <summary>A result column.</summary>
public sealed record ColumnInfo(string Name, SqlType Type);

/// <summary>The result of one statement, read batch by batch. Dispose ends it (and cancels unread work).</summary>
public interface IQueryResult : IDisposable
{
    /// <summary>Result columns; empty when the statement returns no rows.</summary>
    IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>True for statements that return rows (SELECT, SHOW, DESCRIBE, …).</summary>
    bool ReturnsRows { get; }

    /// <summary>Rows changed by INSERT/UPDATE/DELETE, or -1.</summary>
    long RowsAffected { get; }

    /// <summary>The leading keyword(s) of the statement for the command tag: SELECT, INSERT, CREATE TABLE, …</summary>
    string StatementKind { get; }

    /// <summary>
    /// Reads the next batch of at most <paramref name="maxRows"/> rows; false at the end. Blocking (engine work);
    /// call it off the network read loop.
    /// </summary>
    bool TryReadBatch(int maxRows, out RowBatch batch);
}

/// <summary>Rows of a result, row-major. A row is an array of CLR values as documented on <see cref="SqlType"/>.</summary>
public sealed record RowBatch(IReadOnlyList<object?[]> Rows);

/// <summary>An error from the engine with its SQLSTATE.</summary>
public sealed class EngineException(string sqlState, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Five-character SQLSTATE.</summary>
    public string SqlState { get; } = sqlState;

    /// <summary>
    /// Where the error is in the statement text the engine was given: a 1-based character (code point) index, as
    /// PostgreSQL's ErrorResponse field P; null when the engine did not say.
    /// </summary>
    public int? Position { get; init; }

    /// <summary>The earlier, still open result an error is about (54000: too many unread rows to set aside), or null.</summary>
    public IQueryResult? Result { get; init; }
}

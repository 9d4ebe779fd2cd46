using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;
using DuckDB.NET.Data;
using ColumnInfo = DeepSql.Udf.Engines.ColumnInfo;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>
/// A minimal IQueryEngine over a real DuckDB database (a temp file, so several sessions share it), for the catalog
/// tests until the engine branch lands. Rows are read as DuckDB.NET gives them.
/// </summary>
internal sealed class DuckDbTestEngine : IQueryEngine
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"deepsql-catalog-{Guid.NewGuid():N}.duckdb");
    private readonly List<DuckDbTestSession> _sessions = [];

    public string Name => "duckdb";

    public IEngineSession OpenSession(SessionContext context)
    {
        var connection = new DuckDBConnection($"DataSource={_path}");
        connection.Open();
        var session = new DuckDbTestSession(connection, context);
        _sessions.Add(session);
        return session;
    }

    public void RegisterFunction(ModelFunction function)
    {
    }

    public void UnregisterFunction(string name)
    {
    }

    public ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        foreach (var file in new[] { _path, _path + ".wal" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class DuckDbTestSession(DuckDBConnection connection, SessionContext context) : IEngineSession
{
    public SessionContext Context { get; } = context;

    public DuckDBConnection Connection { get; } = connection;

    public IQueryResult Execute(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters ?? [])
        {
            command.Parameters.Add(new DuckDBParameter { Value = p ?? DBNull.Value });
        }

        try
        {
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => new ColumnInfo(reader.GetName(i), new SqlType(SqlTypeKind.Unknown, EngineName: reader.GetDataTypeName(i))))
                .ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return new TestResult(columns, rows, reader.RecordsAffected);
        }
        catch (DuckDBException e)
        {
            throw new EngineException("42000", e.Message, e);
        }
    }

    public StatementDescription Describe(string sql) => throw new NotSupportedException();

    public void Cancel()
    {
    }

    public void Dispose() => Connection.Dispose();

    private sealed class TestResult(IReadOnlyList<ColumnInfo> columns, List<object?[]> rows, long affected) : IQueryResult
    {
        private bool _read;

        public IReadOnlyList<ColumnInfo> Columns => columns;

        public bool ReturnsRows => columns.Count > 0;

        public long RowsAffected => affected;

        public string StatementKind => "SELECT";

        public bool TryReadBatch(int maxRows, out RowBatch batch)
        {
            batch = new RowBatch(_read ? [] : rows);
            var had = !_read && rows.Count > 0;
            _read = true;
            return had;
        }

        public void Dispose()
        {
        }
    }
}

using DeepSql.Udf.Engines;

namespace DeepSql.Server.Sql;

/// <summary>A small, already computed result (service-answered statements: SHOW MODELS, CREATE MODEL).</summary>
public sealed class StatementResult : IQueryResult
{
    private readonly IReadOnlyList<object?[]> _rows;
    private int _next;

    public StatementResult(string statementKind, IReadOnlyList<ColumnInfo>? columns = null,
        IReadOnlyList<object?[]>? rows = null, long rowsAffected = -1)
    {
        StatementKind = statementKind;
        Columns = columns ?? [];
        _rows = rows ?? [];
        RowsAffected = rowsAffected;
    }

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public bool ReturnsRows => Columns.Count > 0;

    public long RowsAffected { get; }

    public string StatementKind { get; }

    public bool TryReadBatch(int maxRows, out RowBatch batch)
    {
        var take = Math.Min(maxRows, _rows.Count - _next);
        if (take <= 0)
        {
            batch = new RowBatch([]);
            return false;
        }

        var slice = new object?[take][];
        for (var i = 0; i < take; i++)
        {
            slice[i] = _rows[_next + i];
        }

        _next += take;
        batch = new RowBatch(slice);
        return true;
    }

    public void Dispose()
    {
    }
}

using DuckDB.NET.Native;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>What preparing a statement tells about it.</summary>
internal sealed record StatementShape(DuckDBStatementType StatementType, IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<SqlType> ParameterTypes)
{
    /// <summary>DML (or COPY, CREATE TABLE AS) whose only result is DuckDB's "Count" column.</summary>
    public bool IsRowCount => Columns is [{ Name: "Count", Type.Kind: SqlTypeKind.Int64 }]
        && StatementType is DuckDBStatementType.Insert or DuckDBStatementType.Update or DuckDBStatementType.Delete
            or DuckDBStatementType.Copy or DuckDBStatementType.Create or DuckDBStatementType.Execute;

    /// <summary>INSERT, UPDATE or DELETE.</summary>
    public bool IsDml => StatementType is DuckDBStatementType.Insert or DuckDBStatementType.Update or DuckDBStatementType.Delete;

    /// <summary>True when the statement hands rows to the client.</summary>
    public bool ReturnsRows => Columns.Count > 0 && !IsRowCount && StatementType is DuckDBStatementType.Select
        or DuckDBStatementType.Explain or DuckDBStatementType.Show or DuckDBStatementType.Pragma or DuckDBStatementType.Call
        or DuckDBStatementType.Relation or DuckDBStatementType.Execute or DuckDBStatementType.Insert
        or DuckDBStatementType.Update or DuckDBStatementType.Delete or DuckDBStatementType.Analyze;
}

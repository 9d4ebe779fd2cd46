using System.Text.Json;
using DeepSql.Registry;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Sql;

public sealed partial class ModelStatementInterceptor
{
    /// <summary>
    /// SHOW MODELS columns: name, task (classify | featurize | embed_text), version (current), versions (count),
    /// backbone (trained models; else NULL), train_accuracy, validation_accuracy, rows (rows used to train),
    /// created (when the current version was registered).
    /// </summary>
    public static readonly IReadOnlyList<ColumnInfo> ShowModelsColumns =
    [
        new("name", SqlType.Text),
        new("task", SqlType.Text),
        new("version", SqlType.Int32),
        new("versions", SqlType.Int32),
        new("backbone", SqlType.Text),
        new("train_accuracy", SqlType.Float64),
        new("validation_accuracy", SqlType.Float64),
        new("rows", SqlType.Int64),
        new("created", new SqlType(SqlTypeKind.TimestampTz)),
    ];

    private StatementResult ShowModels()
    {
        var rows = new List<object?[]>();
        foreach (var entry in _store.List())
        {
            var current = entry.Current;
            var lineage = current.Manifest.Lineage;
            rows.Add(
            [
                entry.Name,
                TaskName(current.Manifest.Task),
                current.Version,
                entry.Versions.Count,
                LineageString(lineage, "backbone"),
                LineageNumber(lineage, "train_accuracy"),
                LineageNumber(lineage, "validation_accuracy"),
                LineageNumber(lineage, "rows_used") is { } n ? (long)n : null,
                current.CreatedAt.ToUniversalTime(),
            ]);
        }

        return new StatementResult("SHOW", ShowModelsColumns, rows);
    }

    private StatementResult Drop(DropModelStatement drop)
    {
        if (!_store.Delete(drop.Name) && !drop.IfExists)
        {
            throw new EngineException(SqlStates.UndefinedObject, $"model \"{drop.Name}\" does not exist");
        }

        return new StatementResult("DROP MODEL");
    }

    private static string TaskName(ModelTask task) => task switch
    {
        ModelTask.Classify => "classify",
        ModelTask.Featurize => "featurize",
        ModelTask.EmbedText => "embed_text",
        _ => task.ToString().ToLowerInvariant(),
    };

    private static string? LineageString(JsonElement? lineage, string key) =>
        lineage is { ValueKind: JsonValueKind.Object } l && l.TryGetProperty(key, out var v)
            && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? LineageNumber(JsonElement? lineage, string key) =>
        lineage is { ValueKind: JsonValueKind.Object } l && l.TryGetProperty(key, out var v)
            && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DeepSql.Registry;

/// <summary>Manifest JSON as the store reads and writes it: snake_case fields, camelCase accepted on input.</summary>
internal static class ManifestJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private static readonly string[] s_tasks = ["classify", "featurize", "embed_text"];

    public static bool TryParse(string json, out ModelManifest? manifest, out IReadOnlyList<ValidationProblem> problems)
    {
        manifest = null;
        var found = new List<ValidationProblem>();
        problems = found;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            found.Add(new ValidationProblem("manifest", $"not valid JSON: {e.Message}", "invalid_json"));
            return false;
        }

        if (root is not JsonObject obj)
        {
            found.Add(new ValidationProblem("manifest", "expected a JSON object", "invalid_json"));
            return false;
        }

        NormalizeKeys(obj);
        RequireString(obj, "name", "name", found);
        if (RequireString(obj, "task", "task", found) is { } task && !s_tasks.Contains(task))
        {
            found.Add(new ValidationProblem("task", $"unknown task '{task}'; expected classify, featurize or embed_text", "invalid_value"));
        }

        if (obj["input"] is not JsonObject input)
        {
            found.Add(new ValidationProblem("input", "missing input object", "missing_field"));
        }
        else
        {
            RequireString(input, "tensor", "input.tensor", found);
        }

        if (obj["output"] is not JsonObject output)
        {
            found.Add(new ValidationProblem("output", "missing output object", "missing_field"));
        }
        else
        {
            RequireString(output, "tensor", "output.tensor", found);
        }

        if (found.Count > 0)
        {
            return false;
        }

        try
        {
            manifest = obj.Deserialize<ModelManifest>(Options);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } p ? ToField(p) : "manifest";
            found.Add(new ValidationProblem(field, $"invalid value: {e.Message}", "invalid_value"));
            return false;
        }

        if (manifest is null)
        {
            found.Add(new ValidationProblem("manifest", "empty manifest", "invalid_json"));
            return false;
        }

        return true;
    }

    public static string Serialize(ModelManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    private static string? RequireString(JsonObject obj, string key, string field, List<ValidationProblem> problems)
    {
        if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
        {
            return s;
        }

        problems.Add(new ValidationProblem(field, obj.ContainsKey(key) ? $"{field} must be a non-empty string" : $"missing {field}", "missing_field"));
        return null;
    }

    // "$.input.mean[2]" → "input.mean"
    private static string ToField(string path)
    {
        var s = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var bracket = s.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? s[..bracket] : s;
    }

    // camelCase keys become snake_case; the free-form lineage object is left as written.
    private static void NormalizeKeys(JsonObject obj)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var snake = ToSnake(key);
            var value = obj[key];
            if (snake != key && !obj.ContainsKey(snake))
            {
                obj.Remove(key);
                obj[snake] = value;
            }

            if (snake != "lineage" && value is JsonObject child)
            {
                NormalizeKeys(child);
            }
        }
    }

    private static string ToSnake(string key)
    {
        var sb = new StringBuilder(key.Length + 4);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && key[i - 1] != '_')
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

using System.Text.Json;

namespace DeepSql.Server.Http;

/// <summary>Body of POST /api/query.</summary>
/// <param name="Sql">One SQL statement.</param>
/// <param name="Parameters">Positional values for $1, $2, …: an array, or an object keyed "1"/"$1", "2"/"$2", ….</param>
/// <param name="Limit">At most this many rows are returned (the result says "truncated": true when more existed).</param>
/// <param name="TimeoutMs">Cancel the statement after this many milliseconds (SQLSTATE 57014, HTTP 408).</param>
public sealed record QueryRequest(string Sql, JsonElement? Parameters = null, long? Limit = null, int? TimeoutMs = null)
{
    /// <summary>The parameters as CLR values in position order; false with a reason when they cannot be read.</summary>
    public bool TryGetParameters(out IReadOnlyList<object?>? values, out string? error)
    {
        values = null;
        error = null;
        if (Parameters is not { } p || p.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return true;
        }

        if (p.ValueKind == JsonValueKind.Array)
        {
            values = p.EnumerateArray().Select(ToClr).ToArray();
            return true;
        }

        if (p.ValueKind != JsonValueKind.Object)
        {
            error = "parameters: expected an array or an object keyed by position (\"1\", \"$1\")";
            return false;
        }

        var byPosition = new SortedDictionary<int, object?>();
        foreach (var property in p.EnumerateObject())
        {
            var key = property.Name.StartsWith('$') ? property.Name[1..] : property.Name;
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
                || position < 1)
            {
                error = $"parameters.{property.Name}: parameters are positional; name them \"1\", \"2\", … (or \"$1\", …)";
                return false;
            }

            byPosition[position] = ToClr(property.Value);
        }

        var list = new object?[byPosition.Count == 0 ? 0 : byPosition.Keys.Max()];
        for (var i = 1; i <= list.Length; i++)
        {
            if (!byPosition.TryGetValue(i, out list[i - 1]))
            {
                error = $"parameters: ${i} is missing";
                return false;
            }
        }

        values = list;
        return true;
    }

    /// <summary>JSON → CLR: integers as long, other numbers as double, arrays as object?[], objects as JSON text.</summary>
    internal static object? ToClr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l : (object)value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ToClr).ToArray(),
        _ => value.GetRawText(),
    };
}

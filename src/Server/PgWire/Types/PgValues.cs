using System.Collections;

namespace DeepSql.Server.PgWire.Types;

/// <summary>Helpers over the CLR values engines hand back.</summary>
internal static class PgValues
{
    /// <summary>Elements of a list value (object?[], float[], any IEnumerable).</summary>
    public static IEnumerable<object?> Enumerate(object value)
    {
        switch (value)
        {
            case object?[] objects:
                return objects;
            case IEnumerable enumerable:
                return enumerable.Cast<object?>();
            default:
                return [value];
        }
    }

    public static int Count(object value) => value switch
    {
        Array array => array.Length,
        ICollection collection => collection.Count,
        _ => Enumerate(value).Count(),
    };
}

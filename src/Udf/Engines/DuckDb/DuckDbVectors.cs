using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DeepSql.Udf.Engines;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>
/// Reads model-function arguments from DuckDB vectors and writes results into them. Layouts: fixed-size values are
/// packed arrays; VARCHAR/BLOB are 16-byte duckdb_string_t (uint32 length, then 12 inline bytes when length ≤ 12,
/// else a 4-byte prefix and an 8-byte pointer); LIST is 16-byte entries (uint64 offset, uint64 length) into a child
/// vector; STRUCT is one child vector per field; validity is a bitmask of uint64 words (null pointer = all valid).
/// </summary>
internal static unsafe class DuckDbVectors
{
    private const ulong DaysFromDotNetEpochToUnixEpoch = 719162;

    /// <summary>Reads <paramref name="rows"/> values of a flat vector as CLR values.</summary>
    public static object?[] Read(IntPtr vector, SqlType type, int rows) => Read(vector, type, 0, rows);

    private static object?[] Read(IntPtr vector, SqlType type, ulong offset, int count)
    {
        var values = new object?[count];
        var validity = DuckDbNative.duckdb_vector_get_validity(vector);
        var data = (byte*)DuckDbNative.duckdb_vector_get_data(vector);
        if (type.Kind == SqlTypeKind.Struct)
        {
            var fields = type.Fields ?? [];
            var children = new object?[fields.Count][];
            for (int f = 0; f < fields.Count; f++)
            {
                children[f] = Read(DuckDbNative.duckdb_struct_vector_get_child(vector, (ulong)f), fields[f].Type, offset, count);
            }

            for (int r = 0; r < count; r++)
            {
                if (IsValid(validity, offset + (ulong)r))
                {
                    var row = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
                    for (int f = 0; f < fields.Count; f++)
                    {
                        row[fields[f].Name] = children[f][r];
                    }

                    values[r] = row;
                }
            }

            return values;
        }

        for (int r = 0; r < count; r++)
        {
            ulong index = offset + (ulong)r;
            if (!IsValid(validity, index))
            {
                continue;
            }

            values[r] = type.Kind switch
            {
                SqlTypeKind.Boolean => data[index] != 0,
                SqlTypeKind.Int8 => ((sbyte*)data)[index],
                SqlTypeKind.Int16 => ((short*)data)[index],
                SqlTypeKind.Int32 => ((int*)data)[index],
                SqlTypeKind.Int64 => ((long*)data)[index],
                SqlTypeKind.UInt8 => data[index],
                SqlTypeKind.UInt16 => ((ushort*)data)[index],
                SqlTypeKind.UInt32 => ((uint*)data)[index],
                SqlTypeKind.UInt64 => ((ulong*)data)[index],
                SqlTypeKind.Float32 => ((float*)data)[index],
                SqlTypeKind.Float64 => ((double*)data)[index],
                SqlTypeKind.Text or SqlTypeKind.Json => Encoding.UTF8.GetString(StringBytes(data + (index * 16))),
                SqlTypeKind.Blob => StringBytes(data + (index * 16)).ToArray(),
                SqlTypeKind.Date => DateOnly.FromDayNumber((int)((long)DaysFromDotNetEpochToUnixEpoch + ((int*)data)[index])),
                SqlTypeKind.Timestamp => DateTime.UnixEpoch.AddTicks(((long*)data)[index] * 10) is var t
                    ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified)
                    : default,
                SqlTypeKind.List => ReadList(vector, type, ((ulong*)data)[index * 2], ((ulong*)data)[(index * 2) + 1]),
                _ => throw new EngineException(SqlStates.FeatureNotSupported, $"model function arguments of type {type} are not supported"),
            };
        }

        return values;
    }

    private static object ReadList(IntPtr vector, SqlType type, ulong offset, ulong length)
    {
        var child = DuckDbNative.duckdb_list_vector_get_child(vector);
        var element = type.Element ?? SqlType.Text;
        var items = Read(child, element, offset, checked((int)length));
        if (element.Kind == SqlTypeKind.Float32 && Array.TrueForAll(items, v => v is not null))
        {
            return Array.ConvertAll(items, v => (float)v!);
        }

        return items;
    }

    private static ReadOnlySpan<byte> StringBytes(byte* entry)
    {
        uint length = *(uint*)entry;
        return length <= 12
            ? new ReadOnlySpan<byte>(entry + 4, (int)length)
            : new ReadOnlySpan<byte>(*(byte**)(entry + 8), (int)length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsValid(ulong* validity, ulong index) =>
        validity == null || (validity[index / 64] & (1UL << (int)(index % 64))) != 0;

    /// <summary>Writes <paramref name="values"/> at positions offset.. of <paramref name="vector"/>; null is SQL NULL.</summary>
    public static void Write(IntPtr vector, SqlType type, IReadOnlyList<object?> values, ulong offset)
    {
        switch (type.Kind)
        {
            case SqlTypeKind.List:
                WriteList(vector, type, values, offset);
                return;
            case SqlTypeKind.Struct:
                WriteStruct(vector, type, values, offset);
                return;
        }

        var data = (byte*)DuckDbNative.duckdb_vector_get_data(vector);
        for (int j = 0; j < values.Count; j++)
        {
            ulong index = offset + (ulong)j;
            var value = values[j];
            if (value is null)
            {
                SetNull(vector, index);
                continue;
            }

            var c = CultureInfo.InvariantCulture;
            switch (type.Kind)
            {
                case SqlTypeKind.Boolean: data[index] = Convert.ToBoolean(value, c) ? (byte)1 : (byte)0; break;
                case SqlTypeKind.Int8: ((sbyte*)data)[index] = Convert.ToSByte(value, c); break;
                case SqlTypeKind.Int16: ((short*)data)[index] = Convert.ToInt16(value, c); break;
                case SqlTypeKind.Int32: ((int*)data)[index] = Convert.ToInt32(value, c); break;
                case SqlTypeKind.Int64: ((long*)data)[index] = Convert.ToInt64(value, c); break;
                case SqlTypeKind.UInt8: data[index] = Convert.ToByte(value, c); break;
                case SqlTypeKind.UInt16: ((ushort*)data)[index] = Convert.ToUInt16(value, c); break;
                case SqlTypeKind.UInt32: ((uint*)data)[index] = Convert.ToUInt32(value, c); break;
                case SqlTypeKind.UInt64: ((ulong*)data)[index] = Convert.ToUInt64(value, c); break;
                case SqlTypeKind.Float32: ((float*)data)[index] = Convert.ToSingle(value, c); break;
                case SqlTypeKind.Float64: ((double*)data)[index] = Convert.ToDouble(value, c); break;
                case SqlTypeKind.Text or SqlTypeKind.Json:
                    WriteBytes(vector, index, Encoding.UTF8.GetBytes(value as string ?? Convert.ToString(value, c) ?? ""));
                    break;
                case SqlTypeKind.Blob:
                    WriteBytes(vector, index, value as byte[] ?? throw new InvalidCastException($"a BLOB result must be byte[], not {value.GetType().Name}"));
                    break;
                default:
                    throw new EngineException(SqlStates.FeatureNotSupported, $"model function results of type {type} are not supported");
            }
        }
    }

    private static void WriteBytes(IntPtr vector, ulong index, byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            DuckDbNative.duckdb_vector_assign_string_element_len(vector, index, p, (ulong)bytes.Length);
        }
    }

    private static void WriteList(IntPtr vector, SqlType type, IReadOnlyList<object?> values, ulong offset)
    {
        var element = type.Element ?? throw new ArgumentException("A list type needs an element type.");
        ulong total = 0;
        for (int j = 0; j < values.Count; j++)
        {
            total += values[j] switch
            {
                null => 0,
                float[] floats => (ulong)floats.Length,
                ICollection collection => (ulong)collection.Count,
                var other => throw new InvalidCastException($"a {type} result must be a list, not {other.GetType().Name}"),
            };
        }

        ulong start = DuckDbNative.duckdb_list_vector_get_size(vector);
        if (DuckDbNative.duckdb_list_vector_reserve(vector, start + total) != 0
            || DuckDbNative.duckdb_list_vector_set_size(vector, start + total) != 0)
        {
            throw new EngineException(SqlStates.OutOfMemory, "could not grow a list result");
        }

        // Reserve may move the child's buffer: take the pointers after it.
        var child = DuckDbNative.duckdb_list_vector_get_child(vector);
        var entries = (ulong*)DuckDbNative.duckdb_vector_get_data(vector);
        var childData = element.Kind == SqlTypeKind.Float32 ? (float*)DuckDbNative.duckdb_vector_get_data(child) : null;
        List<object?>? flat = childData == null ? new List<object?>(checked((int)total)) : null;
        ulong position = start;
        for (int j = 0; j < values.Count; j++)
        {
            ulong index = offset + (ulong)j;
            var value = values[j];
            if (value is null)
            {
                entries[index * 2] = position;
                entries[(index * 2) + 1] = 0;
                SetNull(vector, index);
                continue;
            }

            ulong length;
            if (childData != null && value is float[] floats)
            {
                new ReadOnlySpan<float>(floats).CopyTo(new Span<float>(childData + position, floats.Length));
                length = (ulong)floats.Length;
            }
            else
            {
                var items = (ICollection)value;
                length = (ulong)items.Count;
                ulong k = position;
                foreach (var item in items)
                {
                    if (flat is not null)
                    {
                        flat.Add(item);
                    }
                    else if (item is null)
                    {
                        SetNull(child, k);
                    }
                    else
                    {
                        childData[k] = Convert.ToSingle(item, CultureInfo.InvariantCulture);
                    }

                    k++;
                }
            }

            entries[index * 2] = position;
            entries[(index * 2) + 1] = length;
            position += length;
        }

        if (flat is not null)
        {
            Write(child, element, flat, start);
        }
    }

    private static void WriteStruct(IntPtr vector, SqlType type, IReadOnlyList<object?> values, ulong offset)
    {
        var fields = type.Fields ?? throw new ArgumentException("A struct type needs fields.");
        var columns = new object?[fields.Count][];
        for (int f = 0; f < fields.Count; f++)
        {
            columns[f] = new object?[values.Count];
        }

        for (int j = 0; j < values.Count; j++)
        {
            var value = values[j];
            if (value is null)
            {
                SetNull(vector, offset + (ulong)j);
                continue;
            }

            for (int f = 0; f < fields.Count; f++)
            {
                columns[f][j] = value switch
                {
                    IReadOnlyDictionary<string, object?> map => map.TryGetValue(fields[f].Name, out var v) ? v : null,
                    IDictionary map => map[fields[f].Name],
                    object?[] positional => positional[f],
                    ITuple tuple => tuple[f],
                    _ => throw new InvalidCastException($"a {type} result must be a dictionary, array or tuple, not {value.GetType().Name}"),
                };
            }
        }

        for (int f = 0; f < fields.Count; f++)
        {
            Write(DuckDbNative.duckdb_struct_vector_get_child(vector, (ulong)f), fields[f].Type, columns[f], offset);
        }
    }

    private static void SetNull(IntPtr vector, ulong index)
    {
        DuckDbNative.duckdb_vector_ensure_validity_writable(vector);
        var validity = DuckDbNative.duckdb_vector_get_validity(vector);
        validity[index / 64] &= ~(1UL << (int)(index % 64));
    }
}

using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Http.Formats;

/// <summary>
/// Arrow IPC stream: the schema, then one record batch per engine batch. FLOAT[] is List&lt;Float&gt;, BLOB is Binary;
/// types Arrow has no direct twin for here (HUGEINT, UUID, INTERVAL, structs, other lists) travel as Utf8 text.
/// </summary>
public sealed class ArrowResultWriter(Stream body) : ResultWriter
{
    /// <summary>application/vnd.apache.arrow.stream.</summary>
    public const string MediaType = "application/vnd.apache.arrow.stream";

    private readonly Stream _body = body;
    private Schema? _schema;
    private IReadOnlyList<ColumnInfo> _columns = [];
    private ArrowStreamWriter? _writer;

    /// <inheritdoc />
    public override string ContentType => MediaType;

    /// <summary>The Arrow type a column travels as.</summary>
    public static IArrowType ArrowTypeOf(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Boolean => BooleanType.Default,
        SqlTypeKind.Int8 => Int8Type.Default,
        SqlTypeKind.Int16 => Int16Type.Default,
        SqlTypeKind.Int32 => Int32Type.Default,
        SqlTypeKind.Int64 => Int64Type.Default,
        SqlTypeKind.UInt8 => UInt8Type.Default,
        SqlTypeKind.UInt16 => UInt16Type.Default,
        SqlTypeKind.UInt32 => UInt32Type.Default,
        SqlTypeKind.UInt64 => UInt64Type.Default,
        SqlTypeKind.Float32 => FloatType.Default,
        SqlTypeKind.Float64 => DoubleType.Default,
        SqlTypeKind.Decimal when type.Precision is > 0 and <= 38 => new Decimal128Type(type.Precision, type.Scale),
        SqlTypeKind.Decimal => DoubleType.Default,
        SqlTypeKind.Blob => BinaryType.Default,
        SqlTypeKind.Date => Date32Type.Default,
        SqlTypeKind.Timestamp => new TimestampType(TimeUnit.Microsecond, (string?)null),
        SqlTypeKind.TimestampTz => new TimestampType(TimeUnit.Microsecond, "UTC"),
        SqlTypeKind.List when type.Element?.Kind == SqlTypeKind.Float32 =>
            new ListType(new Field("item", FloatType.Default, nullable: true)),
        _ => StringType.Default,
    };

    /// <inheritdoc />
    public override async ValueTask WriteHeaderAsync(IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        _columns = columns;
        var builder = new Schema.Builder();
        foreach (var name in NdjsonResultWriter.UniqueNames(columns).Zip(columns))
        {
            builder.Field(new Field(name.First, ArrowTypeOf(name.Second.Type), nullable: true));
        }

        _schema = builder.Build();
        _writer = new ArrowStreamWriter(_body, _schema, leaveOpen: true);
        await _writer.WriteStartAsync(cancellationToken);
        await _body.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask WriteBatchAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var arrays = new IArrowArray[_columns.Count];
        for (var c = 0; c < arrays.Length; c++)
        {
            arrays[c] = BuildColumn(_schema!.FieldsList[c].DataType, rows, c);
        }

        await _writer!.WriteRecordBatchAsync(new RecordBatch(_schema!, arrays, rows.Count), cancellationToken);
        await _body.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask WriteEndAsync(ResultTrailer trailer, CancellationToken cancellationToken)
    {
        await _writer!.WriteEndAsync(cancellationToken);
        await _body.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<bool> WriteErrorAsync(string sqlState, string message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _writer?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Column <paramref name="column"/> of <paramref name="rows"/> as an Arrow array of <paramref name="type"/>.</summary>
    public static IArrowArray BuildColumn(IArrowType type, IReadOnlyList<object?[]> rows, int column)
    {
        switch (type)
        {
            case BooleanType:
                return Build(new BooleanArray.Builder(), rows, column, (b, v) => b.Append(Convert.ToBoolean(v)), b => b.AppendNull(), b => b.Build());
            case Int8Type:
                return Build(new Int8Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToSByte(v)), b => b.AppendNull(), b => b.Build());
            case Int16Type:
                return Build(new Int16Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToInt16(v)), b => b.AppendNull(), b => b.Build());
            case Int32Type:
                return Build(new Int32Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToInt32(v)), b => b.AppendNull(), b => b.Build());
            case Int64Type:
                return Build(new Int64Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToInt64(v)), b => b.AppendNull(), b => b.Build());
            case UInt8Type:
                return Build(new UInt8Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToByte(v)), b => b.AppendNull(), b => b.Build());
            case UInt16Type:
                return Build(new UInt16Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToUInt16(v)), b => b.AppendNull(), b => b.Build());
            case UInt32Type:
                return Build(new UInt32Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToUInt32(v)), b => b.AppendNull(), b => b.Build());
            case UInt64Type:
                return Build(new UInt64Array.Builder(), rows, column, (b, v) => b.Append(Convert.ToUInt64(v)), b => b.AppendNull(), b => b.Build());
            case FloatType:
                return Build(new FloatArray.Builder(), rows, column, (b, v) => b.Append(Convert.ToSingle(v)), b => b.AppendNull(), b => b.Build());
            case DoubleType:
                return Build(new DoubleArray.Builder(), rows, column, (b, v) => b.Append(Convert.ToDouble(v)), b => b.AppendNull(), b => b.Build());
            case Decimal128Type decimalType:
                return Build(new Decimal128Array.Builder(decimalType), rows, column, (b, v) => b.Append(Convert.ToDecimal(v)), b => b.AppendNull(), b => b.Build());
            case BinaryType:
                return Build(new BinaryArray.Builder(), rows, column, (b, v) => b.Append(((byte[])v).AsSpan()), b => b.AppendNull(), b => b.Build());
            case Date32Type:
                return Build(new Date32Array.Builder(), rows, column, (b, v) => b.Append((DateOnly)v), b => b.AppendNull(), b => b.Build());
            case TimestampType timestampType:
                return Build(new TimestampArray.Builder(timestampType), rows, column,
                    (b, v) => b.Append(v is DateTimeOffset dto ? dto : new DateTimeOffset(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Utc))),
                    b => b.AppendNull(), b => b.Build());
            case ListType:
                return BuildFloatList(rows, column);
            default:
                return Build(new StringArray.Builder(), rows, column, (b, v) => b.Append(SqlJson.Format(v)), b => b.AppendNull(), b => b.Build());
        }
    }

    private static IArrowArray Build<TBuilder>(TBuilder builder, IReadOnlyList<object?[]> rows, int column,
        Action<TBuilder, object> append, Action<TBuilder> appendNull, Func<TBuilder, IArrowArray> build)
    {
        foreach (var row in rows)
        {
            var value = row[column];
            if (value is null)
            {
                appendNull(builder);
            }
            else
            {
                append(builder, value);
            }
        }

        return build(builder);
    }

    private static ListArray BuildFloatList(IReadOnlyList<object?[]> rows, int column)
    {
        var builder = new ListArray.Builder(FloatType.Default);
        var values = (FloatArray.Builder)builder.ValueBuilder;
        foreach (var row in rows)
        {
            switch (row[column])
            {
                case null:
                    builder.AppendNull();
                    break;
                case float[] floats:
                    builder.Append();
                    values.Append(floats);
                    break;
                case object?[] items:
                    builder.Append();
                    foreach (var item in items)
                    {
                        if (item is null)
                        {
                            values.AppendNull();
                        }
                        else
                        {
                            values.Append(Convert.ToSingle(item));
                        }
                    }

                    break;
                default:
                    throw new InvalidCastException($"FLOAT[] column holds {row[column]!.GetType().Name}");
            }
        }

        return builder.Build();
    }
}

using System.Collections.Concurrent;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;

namespace DeepSql.Udf.Tests.Engines;

/// <summary>A model function whose body the test supplies; records the batch sizes and sessions it saw.</summary>
internal sealed class TestFunction : ModelFunction
{
    public required Func<IReadOnlyList<object?[]>, int, SessionContext, object?[]> Body { get; init; }

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public ConcurrentQueue<int> Sessions { get; } = new();

    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        BatchSizes.Enqueue(rowCount);
        Sessions.Enqueue(session.SessionId);
        return Body(arguments, rowCount, session);
    }

    public static TestFunction Create(string name, SqlType[] parameters, SqlType returnType,
        Func<IReadOnlyList<object?[]>, int, SessionContext, object?[]> body) => new()
        {
            Name = name,
            ModelName = name,
            Parameters = parameters,
            ParameterNames = parameters.Select((_, i) => $"arg{i}").ToArray(),
            ReturnType = returnType,
            Description = "test function",
            Body = body,
        };

    /// <summary>Applies <paramref name="map"/> to the first argument of each row; NULL in, NULL out.</summary>
    public static TestFunction Map(string name, SqlType parameter, SqlType returnType, Func<object, SessionContext, object?> map) =>
        Create(name, [parameter], returnType, (args, rows, session) =>
        {
            var result = new object?[rows];
            for (int r = 0; r < rows; r++)
            {
                result[r] = args[0][r] is { } value ? map(value, session) : null;
            }

            return result;
        });

    public static readonly SqlType TopKType = SqlType.List(SqlType.Struct(new SqlField("label", SqlType.Text), new SqlField("score", SqlType.Float32)));
}

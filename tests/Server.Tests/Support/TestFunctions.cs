using System.Diagnostics.CodeAnalysis;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;

namespace DeepSql.Server.Tests.Support;

/// <summary>noisy(x INTEGER) → x * 2, and a NOTICE "noisy saw N rows" per batch.</summary>
public sealed class NoisyFunction : ModelFunction
{
    [SetsRequiredMembers]
    public NoisyFunction()
    {
        Name = "noisy";
        ModelName = "noisy";
        Parameters = [SqlType.Int32];
        ParameterNames = ["x"];
        ReturnType = SqlType.Int32;
        Description = "test: doubles and sends a notice";
    }

    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        session.Notice($"noisy saw {rowCount} rows");
        session.Notice($"batch_size={session.BatchSize} strict={session.Strict}");
        var result = new object?[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            result[r] = arguments[0][r] is int x ? x * 2 : null;
        }

        return result;
    }
}

/// <summary>wait_for_cancel(x INTEGER) → blocks until the statement is cancelled, then fails with 57014.</summary>
public sealed class WaitForCancelFunction : ModelFunction
{
    [SetsRequiredMembers]
    public WaitForCancelFunction()
    {
        Name = "wait_for_cancel";
        ModelName = "wait_for_cancel";
        Parameters = [SqlType.Int32];
        ParameterNames = ["x"];
        ReturnType = SqlType.Int32;
        Description = "test: waits for StatementCancellation";
    }

    public static int Started;

    public override object?[] Invoke(IReadOnlyList<object?[]> arguments, int rowCount, SessionContext session)
    {
        Interlocked.Increment(ref Started);
        // Bounded so a broken cancel path fails the test instead of hanging it.
        session.StatementCancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
        if (session.StatementCancellation.IsCancellationRequested)
        {
            throw new EngineException("57014", "canceling statement due to user request");
        }

        return new object?[rowCount];
    }
}

using DeepSql.Benchmarks;

// Benchmarks of DeepSQL, each a ratio against a baseline measured in the same run (never a bare time).
//   dotnet run -c Release --project tests/Benchmarks -- featurize [--photos DIR] [--count 240]
//   dotnet run -c Release --project tests/Benchmarks -- startup
//   dotnet run -c Release --project tests/Benchmarks -- query-formats
var command = args.Length > 0 ? args[0] : "featurize";
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
string Photos() => Option("--photos") ?? Environment.GetEnvironmentVariable("DEEPSQL_TEST_PHOTOS")
    ?? throw new InvalidOperationException("--photos DIR or DEEPSQL_TEST_PHOTOS is needed");
var count = int.Parse(Option("--count") ?? "240");

switch (command)
{
    case "featurize":
        await FeaturizeBenchmark.RunAsync(Photos(), count);
        break;
    case "startup":
        await StartupBenchmark.RunAsync();
        break;
    case "query-formats":
        await QueryFormatsBenchmark.RunAsync();
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{command}' (featurize, startup, query-formats)");
        return 2;
}

return 0;

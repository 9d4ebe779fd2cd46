using System.Collections;
using DeepSql.Server.Hosting;

// Composition root only: parse options, start the host, wait for Ctrl-C.
if (!ServiceOptions.TryParse(args, Environment.GetEnvironmentVariables(), out var options, out var error))
{
    Console.Error.WriteLine($"deepsql: {error}");
    Console.Error.WriteLine(ServiceOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(ServiceOptions.Usage);
    return 0;
}

await using var host = await DeepSqlHost.StartAsync(options);
await host.WaitForShutdownAsync();
return 0;

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

DeepSqlHost host;
try
{
    host = await DeepSqlHost.StartAsync(options);
}
catch (Exception e) when (IsAddressInUse(e))
{
    Console.Error.WriteLine($"deepsql: cannot start: {e.Message.TrimEnd('.')} (Postgres port {options.PgPort}, HTTP port {options.HttpPort}): " +
                            "another process is listening there; choose free ports with --pg-port and --http-port");
    return 1;
}

await using (host)
{
    await host.WaitForShutdownAsync();
}

return 0;

// A taken port: Kestrel wraps the SocketException in an IOException, the Postgres listener throws it as it is.
static bool IsAddressInUse(Exception? e)
{
    for (; e is not null; e = e.InnerException)
    {
        if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
        {
            return true;
        }
    }

    return false;
}

namespace DeepSql.Clients.Tests;

/// <summary>
/// A client probe run once per test class against the service and once against PostgreSQL 15, each after the same
/// setup SQL (valid on both), so the tests can compare the two reports line by line.
/// </summary>
public abstract class DifferentialProbeRun
{
    private ProbeOutput? _service;
    private ProbeOutput? _postgres;

    /// <summary>The client's name in assertion messages.</summary>
    protected abstract string Client { get; }

    /// <summary>Statements that create the test class's tables, run on both servers before the probe.</summary>
    protected abstract string Setup { get; }

    /// <summary>Runs the probe against 127.0.0.1:<paramref name="port"/> as <paramref name="user"/>.</summary>
    protected abstract ProcessResult Probe(int port, string user, string database, bool postgres);

    public ProbeOutput Get(ServiceFixture service)
    {
        if (_service is null)
        {
            service.ExecuteAsync(Setup).GetAwaiter().GetResult();
            _service = new ProbeOutput(Client, Probe(service.Port, "analyst", "deepsql", postgres: false));
        }

        return _service;
    }

    /// <summary>The same probe against PostgreSQL 15 with the same tables.</summary>
    public ProbeOutput GetPostgres(PostgresFixture postgres)
    {
        if (_postgres is null)
        {
            using (var c = new Npgsql.NpgsqlConnection(postgres.ConnectionString))
            {
                c.Open();
                using var cmd = new Npgsql.NpgsqlCommand(Setup, c);
                cmd.ExecuteNonQuery();
            }

            _postgres = new ProbeOutput(Client + " on PostgreSQL 15", Probe(postgres.Port, "postgres", "postgres", postgres: true));
        }

        return _postgres;
    }
}

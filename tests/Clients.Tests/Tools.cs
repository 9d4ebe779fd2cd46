using System.Diagnostics;

namespace DeepSql.Clients.Tests;

/// <summary>A finished client process: exit code and both streams.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>The client programs at their Debian paths; a missing one fails the test with the package to install.</summary>
public static class Tools
{
    public const string PgBin = "/usr/lib/postgresql/15/bin";

    public static string Psql => Require("/usr/bin/psql", "postgresql-client-15");

    public static string Java => Require("/usr/bin/java", "openjdk-17-jre-headless");

    public static string PgJdbcJar => Require("/usr/share/java/postgresql.jar", "libpostgresql-jdbc-java");

    public static string Isql => Require("/usr/bin/isql", "unixodbc");

    public static string PsqlOdbcDriver =>
        Require("/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so", "odbc-postgresql");

    public static string Initdb => Require(Path.Combine(PgBin, "initdb"), "postgresql-15");

    public static string PgCtl => Require(Path.Combine(PgBin, "pg_ctl"), "postgresql-15");

    /// <summary>The Debian interpreter (the default python3 on PATH may be a pyenv one without Debian's modules).</summary>
    public static string DebianPython
    {
        get
        {
            var python = Require("/usr/bin/python3", "python3");
            var check = Run(python, ["-c", "import psycopg2"]);
            Assert.True(check.ExitCode == 0,
                $"/usr/bin/python3 cannot import psycopg2: apt-get install -y python3-psycopg2\n{check}");
            return python;
        }
    }

    /// <summary>The Debian interpreter with SQLAlchemy 1.4 (python3-sqlalchemy) besides psycopg2.</summary>
    public static string SqlAlchemyPython
    {
        get
        {
            var python = DebianPython;
            var check = Run(python, ["-c", "import sqlalchemy"]);
            Assert.True(check.ExitCode == 0,
                $"/usr/bin/python3 cannot import sqlalchemy: apt-get install -y python3-sqlalchemy\n{check}");
            return python;
        }
    }

    public static string Node => Require("/usr/bin/node", "nodejs");

    /// <summary>node-postgres, installed by test.sh (npm install in tests/clients/node) before the build copies it.</summary>
    public static string NodeProbe
    {
        get
        {
            var probe = ClientScript("node/probe.js");
            var pg = Path.Combine(Path.GetDirectoryName(probe)!, "node_modules", "pg", "package.json");
            Assert.True(File.Exists(pg),
                $"{pg} is missing: run npm install --no-audit --no-fund in tests/clients/node, then build again (test.sh does)");
            return probe;
        }
    }

    /// <summary>Where the probes from tests/clients were copied next to the test binaries.</summary>
    public static string ClientScript(string relative)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "clients", relative);
        Assert.True(File.Exists(path), $"{path} is missing: the test project copies tests/clients/** to its output");
        return path;
    }

    private static string Require(string path, string package)
    {
        Assert.True(File.Exists(path), $"{path} not found: apt-get install -y {package}");
        return path;
    }

    /// <summary>Runs a program to completion (3 minutes at most), without a shell.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> args, IDictionary<string, string>? env = null,
        string? stdin = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Clients must not pick up a developer's ~/.psqlrc, PGHOST, … or a pyenv interpreter's settings.
        foreach (var name in new[] { "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE", "PYTHONPATH", "PYTHONHOME" })
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["PGCONNECT_TIMEOUT"] = "10";
        psi.Environment["LC_ALL"] = "C.UTF-8";
        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 3 minutes");
        }

        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}

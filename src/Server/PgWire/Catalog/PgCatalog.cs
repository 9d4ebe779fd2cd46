using System.Globalization;
using System.Text;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;
using DeepSql.Udf.Functions;
using DeepSql.Udf.Sql;

namespace DeepSql.Server.PgWire.Catalog;

/// <summary>
/// PostgreSQL catalog emulation on the query engine: pg_catalog relations and information_schema views with
/// PostgreSQL's names and types, PostgreSQL's session functions, and a text rewrite of PostgreSQL-only syntax,
/// so that drivers and BI tools can introspect DeepSQL as if it were PostgreSQL 15. One instance per engine.
/// </summary>
public sealed partial class PgCatalog
{
    private readonly IQueryEngine _engine;
    private readonly Func<IReadOnlyList<ModelFunction>> _functions;
    private readonly Lock _lock = new();
    private bool _created;
    private string? _functionsFingerprint;

    public PgCatalog(IQueryEngine engine, Func<IReadOnlyList<ModelFunction>> functions)
    {
        _engine = engine;
        _functions = functions;
        foreach (var type in PgTextTypes.Fixed)
        {
            engine.RegisterTextType(type);
        }

        RegisterDeclaredVarchars();
    }

    /// <summary>
    /// Creates the catalog objects (if this process has not yet) on a session of its own, so that the first client
    /// does not wait for them.
    /// </summary>
    public void Warm()
    {
        using var session = _engine.OpenSession(new SessionContext { SessionId = 0, User = "system" });
        PrepareSession(session);
    }

    /// <summary>
    /// Readies one new client session: its temp objects (settings table, pg_backend_pid(), user), the catalog
    /// objects (created the first time on this engine's database), the search_path that reaches them, and the
    /// current model functions.
    /// </summary>
    public void PrepareSession(IEngineSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sessionScript = PgCatalogScripts.Session
            .Replace("{pid}", session.Context.SessionId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{user}", SqlText.Literal(session.Context.User), StringComparison.Ordinal);
        RunScript(session, sessionScript);

        lock (_lock)
        {
            if (!_created)
            {
                // One transaction: DuckDB commits each statement otherwise, and the scripts are ~150 statements.
                RunStatement(session, "BEGIN TRANSACTION");
                try
                {
                    foreach (var script in PgCatalogScripts.Database)
                    {
                        RunScript(session, script);
                    }

                    RunStatement(session, "COMMIT");
                }
                catch
                {
                    RunStatement(session, "ROLLBACK");
                    throw;
                }

                _created = true;
            }
        }

        RunStatement(session, $"SET search_path = '{DuckDbSearchPath("public")}'");
        RefreshFunctions(session);
    }

    /// <summary>
    /// Rewrites pg_proc's model-function rows when the set of registered functions changed since the last call.
    /// PrepareSession calls it; call it again after CREATE MODEL / DROP MODEL so catalogs list the change at once.
    /// </summary>
    public void RefreshFunctions(IEngineSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var functions = _functions();
        var fingerprint = Fingerprint(functions);
        lock (_lock)
        {
            if (fingerprint == _functionsFingerprint)
            {
                return;
            }

            // One statement replaces the whole set, so other sessions see the old list or the new one, never a
            // half-written one; the first, empty branch fixes the column types.
            var sql = new StringBuilder(
                "CREATE OR REPLACE TABLE deepsql_catalog.deepsql_model_function AS SELECT NULL::UINTEGER AS oid, "
                + "NULL::VARCHAR AS proname, NULL::UINTEGER AS prorettype, NULL::UINTEGER[] AS proargtypes, "
                + "NULL::VARCHAR[] AS proargnames, NULL::VARCHAR AS arguments, NULL::VARCHAR AS result, "
                + "NULL::VARCHAR AS description, NULL::VARCHAR AS model_name WHERE false");
            foreach (var f in functions)
            {
                sql.Append("\nUNION ALL SELECT ")
                    .Append(FunctionOid(f.Name)).Append(", ")
                    .Append(SqlText.Literal(f.Name)).Append(", ")
                    .Append(TypeOid(f.ReturnType)).Append(", [")
                    .AppendJoin(", ", f.Parameters.Select(p => TypeOid(p).ToString(CultureInfo.InvariantCulture)))
                    .Append("]::UINTEGER[], [")
                    .AppendJoin(", ", f.ParameterNames.Select(SqlText.Literal))
                    .Append("]::VARCHAR[], ")
                    .Append(SqlText.Literal(Arguments(f))).Append(", ")
                    .Append(SqlText.Literal(TypeName(f.ReturnType))).Append(", ")
                    .Append(SqlText.Literal(f.Description)).Append(", ")
                    .Append(SqlText.Literal(f.ModelName));
            }

            RunStatement(session, sql.ToString());
            _functionsFingerprint = fingerprint;
        }
    }

    /// <summary>
    /// Tells the catalog that the session ran SET name = value: current_setting() and pg_settings see it, and
    /// search_path is translated into the engine's search path (public is DuckDB's main).
    /// </summary>
    public void OnSettingChanged(IEngineSession session, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var key = name.Trim().ToLowerInvariant();
        RunStatement(session,
            $"INSERT OR REPLACE INTO temp.main.deepsql_session_setting VALUES ({SqlText.Literal(key)}, {SqlText.Literal(value)})");
        if (key == "search_path")
        {
            RunStatement(session, $"SET search_path = '{DuckDbSearchPath(value)}'");
        }
    }

    /// <summary>Stable OID of a model function in pg_proc (same name, same OID across restarts).</summary>
    public static uint FunctionOid(string name)
    {
        // FNV-1a over the lower-case name, folded into the user OID range above PostgreSQL's 16384.
        var hash = 2166136261u;
        foreach (var c in name.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return 1_100_000_000u + (hash % 1_000_000_000u);
    }

    /// <summary>PostgreSQL search_path → DuckDB search_path: public is main, and the catalog schema comes last.</summary>
    private static string DuckDbSearchPath(string pgSearchPath)
    {
        var schemas = new List<string>();
        foreach (var part in pgSearchPath.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var schema = part.Trim('"', '\'');
            if (schema.Length == 0 || schema == "$user" || schema == "pg_catalog" || schema == "pg_temp")
            {
                continue;
            }

            schema = schema == "public" ? "main" : schema;
            if (schema.All(c => char.IsLetterOrDigit(c) || c == '_') && !schemas.Contains(schema))
            {
                schemas.Add(schema);
            }
        }

        if (schemas.Count == 0)
        {
            schemas.Add("main");
        }

        schemas.Add("deepsql_catalog");
        return string.Join(',', schemas);
    }

    private static string Arguments(ModelFunction f) =>
        string.Join(", ", f.Parameters.Select((p, i) =>
            i < f.ParameterNames.Count ? $"{f.ParameterNames[i]} {TypeName(p)}" : TypeName(p)));

    private static string Fingerprint(IReadOnlyList<ModelFunction> functions)
    {
        var sb = new StringBuilder();
        foreach (var f in functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sb.Append(f.Name).Append('\u0001').Append(f.ModelName).Append('\u0001').Append(f.Description)
                .Append('\u0001').Append(f.ReturnType).Append('\u0001').AppendJoin(',', f.Parameters)
                .Append('\u0001').AppendJoin(',', f.ParameterNames).Append('\n');
        }

        return sb.ToString();
    }

    private static void RunScript(IEngineSession session, string script)
    {
        foreach (var statement in SqlText.Split(script))
        {
            RunStatement(session, statement);
        }
    }

    private static void RunStatement(IEngineSession session, string sql)
    {
        using var result = session.Execute(sql);
        while (result.TryReadBatch(1024, out _))
        {
        }
    }
}

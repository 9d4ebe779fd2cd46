using DeepSql.Server.PgWire.Catalog;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire;

/// <summary>
/// What the connection needs from the pg_catalog emulation (PgCatalog, in Catalog/): per-session setup, SQL
/// rewriting before the engine sees a statement, and setting changes.
/// </summary>
internal interface IPgCatalogHooks
{
    void PrepareSession(IEngineSession session);

    /// <summary>Creates the catalog's objects now, on a session of its own (the server calls it when it starts).</summary>
    void Warm();

    string Rewrite(string sql);

    /// <summary>Rewrite, with where the column aliases it appended are (they move error positions).</summary>
    string Rewrite(string sql, out IReadOnlyList<(int Start, int Length)> aliases);

    void OnSettingChanged(IEngineSession session, string name, string value);

    /// <summary>After a service-answered statement (CREATE MODEL, DROP MODEL): the function list may have changed.</summary>
    void RefreshFunctions(IEngineSession session);
}

/// <summary>Used until a catalog is composed in: nothing to prepare, SQL passes unchanged.</summary>
internal sealed class PgNoCatalogHooks : IPgCatalogHooks
{
    public static readonly PgNoCatalogHooks Instance = new();

    public void PrepareSession(IEngineSession session)
    {
    }

    public void Warm()
    {
    }

    public string Rewrite(string sql) => sql;

    public string Rewrite(string sql, out IReadOnlyList<(int Start, int Length)> aliases)
    {
        aliases = [];
        return sql;
    }

    public void OnSettingChanged(IEngineSession session, string name, string value)
    {
    }

    public void RefreshFunctions(IEngineSession session)
    {
    }
}

/// <summary>The pg_catalog emulation of <see cref="PgCatalog"/>.</summary>
internal sealed class PgCatalogAdapter(PgCatalog catalog) : IPgCatalogHooks
{
    public void PrepareSession(IEngineSession session) => catalog.PrepareSession(session);

    public void Warm() => catalog.Warm();

    public string Rewrite(string sql) => catalog.Rewrite(sql);

    public string Rewrite(string sql, out IReadOnlyList<(int Start, int Length)> aliases) => catalog.Rewrite(sql, out aliases);

    public void OnSettingChanged(IEngineSession session, string name, string value) => catalog.OnSettingChanged(session, name, value);

    public void RefreshFunctions(IEngineSession session) => catalog.RefreshFunctions(session);
}

/// <summary>Composes the catalog hooks for a server.</summary>
internal static class PgCatalogHooks
{
    public static IPgCatalogHooks Create(IQueryEngine engine, Func<IReadOnlyList<DeepSql.Udf.Functions.ModelFunction>>? functions)
    {
        return new PgCatalogAdapter(new PgCatalog(engine, functions ?? (() => [])));
    }
}

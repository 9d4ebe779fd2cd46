namespace DeepSql.Server.Http;

/// <summary>Settings of the REST API, the admin page and /metrics.</summary>
public sealed record HttpApiOptions
{
    /// <summary>Token that unlocks the admin page and every endpoint that changes models. Empty = admin disabled.</summary>
    public string AdminToken { get; init; } = "";

    /// <summary>Largest accepted upload (a model file, an image batch); larger requests get 413.</summary>
    public long MaxUploadBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Users for HTTP Basic on the query endpoints (the same as the Postgres port's). Empty: loopback clients are trusted
    /// as <see cref="DefaultUser"/> and others refused.
    /// </summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>User name of trusted loopback clients and admin-token holders.</summary>
    public string DefaultUser { get; init; } = "analyst";

    /// <summary>Rows asked of the engine per batch while streaming a result.</summary>
    public int BatchRows { get; init; } = 2048;

    /// <summary>Statement timeout when a request names none; 0 = none.</summary>
    public int DefaultTimeoutMs { get; init; }

    /// <summary>Folder for upload spool files; default = the system temp folder.</summary>
    public string? SpoolDirectory { get; init; }
}

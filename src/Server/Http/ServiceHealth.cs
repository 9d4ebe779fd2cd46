namespace DeepSql.Server.Http;

/// <summary>Readiness flags the composition root sets as parts come up; GET /health reports them.</summary>
public sealed class ServiceHealth
{
    private volatile bool _modelsLoaded;
    private volatile bool _pgListening;
    private volatile bool _httpListening;

    /// <summary>Every current model version is loaded and registered in the engine.</summary>
    public bool ModelsLoaded { get => _modelsLoaded; set => _modelsLoaded = value; }

    /// <summary>The Postgres port accepts connections.</summary>
    public bool PgListening { get => _pgListening; set => _pgListening = value; }

    /// <summary>The HTTP port accepts connections.</summary>
    public bool HttpListening { get => _httpListening; set => _httpListening = value; }

    /// <summary>All of the above.</summary>
    public bool IsHealthy => _modelsLoaded && _pgListening && _httpListening;
}

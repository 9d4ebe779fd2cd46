using DeepSql.Registry;

namespace DeepSql.Udf.Models;

// CONTRACT STUB: the inference helper replaces the bodies.

/// <summary>
/// Registers the pretrained networks that NuGet restore brought (ResNet18 → featurize, MiniLM → embed) the first
/// time a store is used. Nothing is downloaded at run time.
/// </summary>
public static class ShippedModels
{
    /// <summary>Registers featurize and embed if the store lacks them. Idempotent.</summary>
    public static void EnsureInstalled(ModelStore store) => throw new NotImplementedException();
}

namespace DeepSql.Registry;

/// <summary>What a registered network does, and so which SQL functions it becomes.</summary>
public enum ModelTask
{
    /// <summary><c>f(image) → VARCHAR</c>, <c>f_topk(image, k)</c>, <c>f_scores(image)</c>.</summary>
    Classify,

    /// <summary><c>f(image) → FLOAT[]</c>.</summary>
    Featurize,

    /// <summary><c>f(text) → FLOAT[]</c>.</summary>
    EmbedText,
}

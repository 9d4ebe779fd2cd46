namespace DeepSql.TestSupport;

/// <summary>Manifest JSON for the tiny models.</summary>
public static class Manifests
{
    /// <summary>The example of the product issue, for <see cref="TinyModels.ColorClassifier"/>.</summary>
    public static string ColorClassifier(string name = "predict_color", int size = 32, string channels = "RGB") => $$"""
        {"name":"{{name}}","task":"classify","input":{"tensor":"image","kind":"image","width":{{size}},"height":{{size}},
         "resize":"stretch","channels":"{{channels}}","layout":"NCHW","scale":0.00392157,"mean":[0,0,0],"std":[1,1,1]},
         "output":{"tensor":"scores"},"labels":["red","green","blue"]}
        """;
}

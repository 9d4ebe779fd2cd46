namespace DeepSql.Registry;

public static partial class ManifestValidator
{
    /// <summary>Checks the manifest against the tensors of its graph.</summary>
    public static List<ValidationProblem> CheckGraph(ModelManifest m, ModelGraphInfo graph)
    {
        var p = new List<ValidationProblem>();
        var input = graph.Inputs.FirstOrDefault(t => t.Name == m.Input.Tensor);
        if (input is null)
        {
            p.Add(new("input.tensor", $"graph has no input '{m.Input.Tensor}'; its inputs are {Names(graph.Inputs)}", "tensor_not_found"));
        }
        else if (m.Task == ModelTask.EmbedText)
        {
            CheckTextInputs(m, graph, input, p);
        }
        else
        {
            CheckImageTensor(m.Input, input, p);
            foreach (var other in graph.Inputs.Where(t => t != input))
            {
                p.Add(new("input.tensor", $"graph input '{other.Name}' would get no value: image models feed one input", "extra_input"));
            }
        }

        if (m.Input.Mean?.Initializer is { } meanName && !graph.Initializers.Contains(meanName))
        {
            p.Add(new("input.mean", $"mean names initializer '{meanName}' but the graph has no initializer of that name", "initializer_not_found"));
        }

        var output = graph.Outputs.FirstOrDefault(t => t.Name == m.Output.Tensor);
        if (output is null)
        {
            p.Add(new("output.tensor", $"graph has no output '{m.Output.Tensor}'; its outputs are {Names(graph.Outputs)}", "tensor_not_found"));
            return p;
        }

        if (output.ElementType != "float")
        {
            p.Add(new("output.tensor", $"output '{output.Name}' is {output.ElementType}; float is needed", "type_mismatch"));
        }

        switch (m.Task)
        {
            case ModelTask.Classify:
                CheckClassOutput(m, output, p);
                break;
            case ModelTask.EmbedText when m.Output.Pooling is "mean" or "cls" && output.Shape.Count != 3:
                p.Add(new("output.pooling", $"pooling {m.Output.Pooling} needs a [batch, tokens, dim] output but '{output.Name}' has rank {output.Shape.Count}", "rank_mismatch"));
                break;
            case ModelTask.Featurize or ModelTask.EmbedText when output.Shape.Count == 0:
                p.Add(new("output.tensor", $"output '{output.Name}' is a scalar; a batch dimension is needed", "rank_mismatch"));
                break;
        }

        return p;
    }

    private static void CheckImageTensor(InputSpec spec, TensorInfo t, List<ValidationProblem> p)
    {
        if (t.ElementType != "float")
        {
            p.Add(new("input.tensor", $"input '{t.Name}' is {t.ElementType}; image inputs must be float", "type_mismatch"));
        }

        if (t.Shape.Count != 4)
        {
            p.Add(new("input.tensor", $"input '{t.Name}' has rank {t.Shape.Count} ({Dims(t.Shape)}); an image input needs rank 4 ({spec.Layout})", "rank_mismatch"));
            return;
        }

        var nchw = spec.Layout != "NHWC";
        long c = nchw ? t.Shape[1] : t.Shape[3], h = nchw ? t.Shape[2] : t.Shape[1], w = nchw ? t.Shape[3] : t.Shape[2];
        var channels = spec.Channels == "GRAY" ? 1 : 3;
        if (c >= 0 && c != channels)
        {
            p.Add(new("input.channels", $"manifest says {spec.Channels} ({channels} channels, {spec.Layout}) but graph input '{t.Name}' {Dims(t.Shape)} has {c}", "shape_mismatch"));
        }

        if ((w >= 0 && w != spec.Width) || (h >= 0 && h != spec.Height))
        {
            var field = w >= 0 && w != spec.Width ? "input.width" : "input.height";
            p.Add(new(field, $"manifest says {spec.Width}x{spec.Height} but graph input '{t.Name}' is {Size(w)}x{Size(h)} ({spec.Layout} {Dims(t.Shape)})", "shape_mismatch"));
        }
    }

    private static void CheckTextInputs(ModelManifest m, ModelGraphInfo graph, TensorInfo ids, List<ValidationProblem> p)
    {
        foreach (var t in graph.Inputs)
        {
            if (t != ids && !TextSideInputs.Contains(t.Name))
            {
                p.Add(new("input.tensor", $"graph input '{t.Name}' would get no value: text models feed {m.Input.Tensor}, attention_mask, token_type_ids", "extra_input"));
            }
            else if (t.ElementType != "int64")
            {
                p.Add(new("input.tensor", $"text input '{t.Name}' is {t.ElementType}; int64 token ids are needed", "type_mismatch"));
            }
            else if (t.Shape.Count != 2)
            {
                p.Add(new("input.tensor", $"text input '{t.Name}' has rank {t.Shape.Count} ({Dims(t.Shape)}); [batch, tokens] is needed", "rank_mismatch"));
            }
        }
    }

    private static void CheckClassOutput(ModelManifest m, TensorInfo output, List<ValidationProblem> p)
    {
        if (output.Shape.Count < 2)
        {
            p.Add(new("output.tensor", $"output '{output.Name}' has rank {output.Shape.Count}; [batch, classes] is needed", "rank_mismatch"));
            return;
        }

        var classes = 1L;
        foreach (var d in output.Shape.Skip(1))
        {
            classes = d < 0 || classes < 0 ? -1 : classes * d;
        }

        var labels = m.Labels?.Count ?? 0;
        if (classes >= 0 && labels > 0 && classes != labels)
        {
            p.Add(new("labels", $"manifest has {labels} labels but output '{output.Name}' {Dims(output.Shape)} has {classes} classes", "label_count_mismatch"));
        }
    }

    private static string Names(IEnumerable<TensorInfo> ts)
    {
        var list = ts.Select(t => $"'{t.Name}' {Dims(t.Shape)}").ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }

    /// <summary>[N,3,224,224] with ? for symbolic dimensions.</summary>
    public static string Dims(IReadOnlyList<long> shape) => "[" + string.Join(",", shape.Select(Size)) + "]";

    private static string Size(long d) => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

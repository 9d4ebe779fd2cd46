namespace DeepSql.Udf.Training;

/// <summary>
/// Multinomial logistic regression with L2 by mini-batch Adam on standardized features. Single-threaded with
/// fixed-order reductions and a seeded stratified split and shuffle: deterministic for a seed.
/// </summary>
public static class SoftmaxTrainer
{
    /// <summary>Trains a head.</summary>
    /// <param name="features">One feature vector per row, all of one length.</param>
    /// <param name="labels">Class index per row, in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">Number of classes (≥ 2).</param>
    /// <param name="settings">Hyper-parameters.</param>
    /// <param name="progress">Called after each epoch (on the calling thread).</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public static HeadTrainingResult Train(IReadOnlyList<float[]> features, IReadOnlyList<int> labels, int classes,
        HeadTrainingSettings settings, Action<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (features.Count != labels.Count || features.Count == 0)
        {
            throw new ArgumentException("need one label per feature row, and at least one row", nameof(labels));
        }

        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), "need at least two classes");
        }

        var d = features[0].Length;
        var rng = new Random(settings.Seed);
        var (train, validation) = Split(labels, classes, settings.Validation, rng);
        var scaler = FeatureScaler.Fit(features, train);

        // Standardized copies of the training rows only; validation rows are scored through the folded head.
        var z = new float[train.Length][];
        var y = new int[train.Length];
        for (var i = 0; i < train.Length; i++)
        {
            z[i] = scaler.Transform(features[train[i]]);
            y[i] = labels[train[i]];
        }

        var weights = new float[classes * d];
        var bias = new float[classes];
        var optimizer = new AdamState(weights.Length, classes);
        var gradW = new float[weights.Length];
        var gradB = new float[classes];
        var logits = new double[classes];
        var order = Enumerable.Range(0, train.Length).ToArray();
        var batch = Math.Max(1, settings.MiniBatch);
        var l2 = (float)settings.L2;
        var lastLoss = double.NaN;

        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var lr = settings.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / settings.Epochs));
            double lossSum = 0;
            var correct = 0;
            for (var start = 0; start < order.Length; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(batch, order.Length - start);
                Array.Clear(gradW);
                Array.Clear(gradB);
                for (var r = start; r < start + count; r++)
                {
                    var row = z[order[r]];
                    var label = y[order[r]];
                    var best = 0;
                    for (var k = 0; k < classes; k++)
                    {
                        logits[k] = HeadMath.Dot(weights.AsSpan(k * d, d), row) + bias[k];
                        if (logits[k] > logits[best])
                        {
                            best = k;
                        }
                    }

                    correct += best == label ? 1 : 0;
                    HeadMath.SoftmaxInPlace(logits);
                    lossSum -= Math.Log(Math.Max(logits[label], 1e-30));
                    for (var k = 0; k < classes; k++)
                    {
                        var delta = (float)((logits[k] - (k == label ? 1 : 0)) / count);
                        gradB[k] += delta;
                        HeadMath.Axpy(delta, row, gradW.AsSpan(k * d, d));
                    }
                }

                if (l2 > 0)
                {
                    HeadMath.Axpy(l2, weights, gradW);
                }

                optimizer.Step(weights, gradW, bias, gradB, lr);
            }

            var penalty = 0.5 * settings.L2 * HeadMath.Dot(weights, weights);
            lastLoss = (lossSum / order.Length) + penalty;
            progress?.Invoke(new EpochProgress(epoch, settings.Epochs, lastLoss, (double)correct / order.Length));
        }

        var standardized = new SoftmaxHead(weights, bias);
        var head = scaler.Fold(standardized);
        var trainAccuracy = Accuracy(head, features, labels, train);
        double? validationAccuracy = validation.Length > 0 ? Accuracy(head, features, labels, validation) : null;
        return new HeadTrainingResult(head, standardized, scaler, train.Length, validation.Length, trainAccuracy,
            validationAccuracy, lastLoss);
    }

    /// <summary>Fraction of <paramref name="rows"/> the head predicts right.</summary>
    public static double Accuracy(SoftmaxHead head, IReadOnlyList<float[]> features, IReadOnlyList<int> labels,
        IReadOnlyList<int> rows)
    {
        if (rows.Count == 0)
        {
            return double.NaN;
        }

        var correct = 0;
        foreach (var i in rows)
        {
            correct += head.Predict(features[i]) == labels[i] ? 1 : 0;
        }

        return (double)correct / rows.Count;
    }

    /// <summary>Stratified: per class, shuffled, ⌊fraction · n⌋ rows held out, at least one kept for training.</summary>
    private static (int[] Train, int[] Validation) Split(IReadOnlyList<int> labels, int classes, double fraction,
        Random rng)
    {
        var byClass = new List<int>[classes];
        for (var k = 0; k < classes; k++)
        {
            byClass[k] = [];
        }

        for (var i = 0; i < labels.Count; i++)
        {
            byClass[labels[i]].Add(i);
        }

        var train = new List<int>();
        var validation = new List<int>();
        foreach (var rows in byClass)
        {
            var shuffled = rows.ToArray();
            rng.Shuffle(shuffled);
            var held = Math.Min((int)Math.Floor(fraction * shuffled.Length), Math.Max(0, shuffled.Length - 1));
            validation.AddRange(shuffled.AsSpan(0, held));
            train.AddRange(shuffled.AsSpan(held));
        }

        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }

    private sealed class AdamState(int weightCount, int biasCount)
    {
        private const float Beta1 = 0.9f;
        private const float Beta2 = 0.999f;
        private const float Epsilon = 1e-8f;
        private readonly float[] _mW = new float[weightCount];
        private readonly float[] _vW = new float[weightCount];
        private readonly float[] _mB = new float[biasCount];
        private readonly float[] _vB = new float[biasCount];
        private int _t;

        public void Step(float[] weights, float[] gradW, float[] bias, float[] gradB, double lr)
        {
            _t++;
            var c1 = 1 - Math.Pow(Beta1, _t);
            var c2 = 1 - Math.Pow(Beta2, _t);
            var stepSize = (float)(lr * Math.Sqrt(c2) / c1);
            Update(weights, gradW, _mW, _vW, stepSize);
            Update(bias, gradB, _mB, _vB, stepSize);
        }

        private static void Update(float[] p, float[] g, float[] m, float[] v, float stepSize)
        {
            for (var i = 0; i < p.Length; i++)
            {
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g[i]);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g[i] * g[i]);
                p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + Epsilon);
            }
        }
    }
}

using System.Globalization;
using DeepSql.Server.Demo;
using DeepSql.Server.Sql;
using DeepSql.Udf.Sql;
using Xunit;

namespace DeepSql.Server.Tests.Sql;

/// <summary>
/// sql/demo/fashion_mnist.sql on 2,000 training and 1,000 test images with the real ResNet18 featurizer. Slow
/// (≈3,000 ResNet18 passes on 2 cores): the one test of its kind.
/// </summary>
public sealed class FashionMnistDemoTests
{
    public static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "sql", "demo", "fashion_mnist.sql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("sql/demo/fashion_mnist.sql not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Demo_script_with_resnet18_features_reaches_80_percent_on_1000_test_images()
    {
        Assert.True(Directory.Exists(FashionMnist.DefaultDirectory),
            "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        using var host = new ModelTestHost(shippedModels: true);
        using var session = host.OpenSession();
        Assert.True(FashionMnist.TryLoad(session, FashionMnist.DefaultDirectory, out var loaded, limit: 2000), loaded);
        ModelTestHost.Exec(session, "CREATE OR REPLACE TABLE clothing_test AS SELECT * FROM clothing_test LIMIT 1000");
        var interceptor = host.Interceptor();

        List<object?[]> last = [];
        foreach (var statement in SqlText.Split(File.ReadAllText(ScriptPath())))
        {
            using var result = interceptor.TryExecute(statement, session, CancellationToken.None)
                ?? session.Execute(statement);
            last = [];
            while (result.TryReadBatch(1024, out var batch))
            {
                last.AddRange(batch.Rows);
            }
        }

        var notices = session.Context.DrainNotices();
        Assert.Contains(notices, n => n.StartsWith("featurize: 2000/2000 rows (100%)", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.StartsWith("epoch 30/30", StringComparison.Ordinal));
        var accuracy = Convert.ToDouble(last.Single()[0], CultureInfo.InvariantCulture);
        Assert.Equal(1000L, Convert.ToInt64(last.Single()[1], CultureInfo.InvariantCulture));
        Assert.True(accuracy >= 0.80, $"test accuracy {accuracy:0.000}; notices: {string.Join(" | ", notices)}");
        Assert.True(host.Store.TryResolve("predict_label", out var model));
        Assert.Equal(FashionMnist.Labels.Order(StringComparer.Ordinal), model!.Manifest.Labels);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "deepsql-fashion-mnist-demo.txt"),
            $"accuracy {accuracy:0.000}\n{string.Join("\n", notices)}\n");
    }
}

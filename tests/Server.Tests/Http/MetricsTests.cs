using DeepSql.Server.Observability;
using DeepSql.Udf;
using Xunit;

namespace DeepSql.Server.Tests.Http;

public sealed class MetricsTests
{
    [Fact]
    public void Queries_latency_sessions_and_model_counters_render_as_prometheus_text()
    {
        var metrics = new QueryMetrics();
        metrics.RecordQuery("http", "ok", 0.003);
        metrics.RecordQuery("http", "ok", 0.2);
        metrics.RecordQuery("pg", "error", 7);
        metrics.SessionOpened("http");
        metrics.SetOpenSessionsSource("pg", () => 4);
        metrics.RecordResultBatch("http", 2048);

        var text = metrics.Render([new ModelStats("predict_color", 3, 100, 4, 1, 0.5, 2.25, null)]);
        var lines = text.Split('\n');

        Assert.Contains("deepsql_queries_total{outcome=\"ok\",port=\"http\"} 2", lines);
        Assert.Contains("deepsql_queries_total{outcome=\"error\",port=\"pg\"} 1", lines);
        Assert.Contains("deepsql_query_duration_seconds_bucket{port=\"http\",le=\"0.005\"} 1", lines);
        Assert.Contains("deepsql_query_duration_seconds_bucket{port=\"http\",le=\"0.25\"} 2", lines);
        Assert.Contains("deepsql_query_duration_seconds_bucket{port=\"pg\",le=\"5\"} 0", lines);
        Assert.Contains("deepsql_query_duration_seconds_bucket{port=\"pg\",le=\"+Inf\"} 1", lines);
        Assert.Contains("deepsql_query_duration_seconds_count{port=\"http\"} 2", lines);
        Assert.Contains("deepsql_query_duration_seconds_sum{port=\"pg\"} 7", lines);
        Assert.Contains("deepsql_result_batch_rows_bucket{port=\"http\",le=\"1024\"} 0", lines);
        Assert.Contains("deepsql_result_batch_rows_bucket{port=\"http\",le=\"2048\"} 1", lines);
        Assert.Contains("deepsql_open_sessions{port=\"http\"} 1", lines);
        Assert.Contains("deepsql_open_sessions{port=\"pg\"} 4", lines);
        Assert.Contains("deepsql_model_rows_total{model=\"predict_color\"} 100", lines);
        Assert.Contains("deepsql_model_rows_per_batch{model=\"predict_color\"} 25", lines);
        Assert.Contains("deepsql_model_inference_seconds_total{model=\"predict_color\"} 2.25", lines);
        Assert.Contains("# TYPE deepsql_query_duration_seconds histogram", lines);
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        Assert.Equal("a\\\"b\\\\c\\nd", PrometheusText.EscapeLabel("a\"b\\c\nd"));
    }

    [Fact]
    public void Closed_sessions_bring_the_gauge_back()
    {
        var metrics = new QueryMetrics();
        metrics.SessionOpened("http");
        metrics.SessionOpened("http");
        metrics.SessionClosed("http");
        Assert.Contains("deepsql_open_sessions{port=\"http\"} 1", metrics.Render([]).Split('\n'));
    }
}

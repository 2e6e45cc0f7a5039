using ChatOpsRelease.Bot.Metrics.Elasticsearch;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;

public sealed class ElasticsearchSetupTests
{
    [Fact]
    public void AddElasticsearchMetrics_WithoutUrl_AddsNoSource()
    {
        using var services = Build(new Dictionary<string, string?> { ["Metrics:Elasticsearch:IndexPattern"] = "logs-*" });

        Assert.Empty(services.GetServices<IMetricSource>());
    }

    [Fact]
    public void AddElasticsearchMetrics_WithUrl_AddsTheSourceNamedElasticsearch_WithEcsDefaults()
    {
        using var services = Build(new Dictionary<string, string?> { ["Metrics:Elasticsearch:Url"] = "https://elasticsearch:9200" });

        Assert.Equal("elasticsearch", Assert.Single(services.GetServices<IMetricSource>()).Name);
        var options = services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value;
        Assert.Equal(
            ("logs-*", "@timestamp", "http.response.status_code", "labels.track", "service.version", "event.duration", "service.name", 500),
            (options.IndexPattern, options.Timestamp, options.StatusCode, options.Track, options.Version, options.Duration, options.App, options.ErrorStatusFrom));
        Assert.Equal((ElasticsearchSideField.Track, ElasticsearchDurationUnit.Nanoseconds, (string?)null), (options.SideBy, options.DurationUnit, options.Namespace));
    }

    [Theory]
    [InlineData("Metrics:Elasticsearch:Url", "elasticsearch:9200", "Metrics:Elasticsearch:Url is not an absolute http(s) address.")]
    [InlineData("Metrics:Elasticsearch:Url", "https://bot:hunter2@elasticsearch:9200", "Metrics:Elasticsearch:Url carries credentials")]
    [InlineData("Metrics:Elasticsearch:Username", "bot", "Username and Password go together")]
    [InlineData("Metrics:Elasticsearch:IndexPattern", "", "Metrics:Elasticsearch:IndexPattern is empty.")]
    [InlineData("Metrics:Elasticsearch:ErrorStatusFrom", "50", "ErrorStatusFrom (50) is not an HTTP status code.")]
    [InlineData("Metrics:Elasticsearch:KibanaUrl", "kibana", "KibanaUrl 'kibana' is not an absolute http(s) address.")]
    [InlineData("Metrics:Elasticsearch:Timeout", "00:00:00", "Timeout must be positive.")]
    public void Options_WhenWrong_FailWithTheKey(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { ["Metrics:Elasticsearch:Url"] = "https://elasticsearch:9200", [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failure.Failures, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_WithApiKeyAndPassword_FailWithoutShowingEither()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Metrics:Elasticsearch:Url"] = "https://elasticsearch:9200",
            ["Metrics:Elasticsearch:ApiKey"] = "key-secret-value",
            ["Metrics:Elasticsearch:Username"] = "bot",
            ["Metrics:Elasticsearch:Password"] = "password-secret-value",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value);
        Assert.Contains("give ApiKey or Username and Password, not both", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddElasticsearchMetrics(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}

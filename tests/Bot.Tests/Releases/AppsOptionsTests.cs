using ChatOpsRelease.Bot.Releases;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Releases;

public sealed class AppsOptionsTests
{
    [Theory]
    [InlineData(null, null, null, "sandbox")]
    [InlineData("http://127.0.0.1:9090", null, null, "prometheus")]
    [InlineData(null, "http://127.0.0.1:9200", null, "elasticsearch")]
    [InlineData("http://127.0.0.1:9090", "http://127.0.0.1:9200", null, "prometheus")]
    [InlineData("http://127.0.0.1:9090", null, "Sandbox", "sandbox")]
    public void AnAppWithoutAMetricSource_GetsTheDefault(string? prometheus, string? elasticsearch, string? chosen, string expected)
    {
        var specs = Specs(new()
        {
            ["Apps:checkout:Namespace"] = "shop",
            ["Apps:payments:Metrics"] = "Elasticsearch",
            ["Metrics:Prometheus:Url"] = prometheus,
            ["Metrics:Elasticsearch:Url"] = elasticsearch,
            ["Metrics:Default"] = chosen,
        });

        Assert.Equal(expected, specs["checkout"].Metrics);
        Assert.Equal("elasticsearch", specs["payments"].Metrics);
    }

    [Fact]
    public void AnalysisSettings_AreBoundPerApp_AndUnsetOnesKeepTheirDefaults()
    {
        var specs = Specs(new()
        {
            ["Apps:checkout:Analysis:MinRequests"] = "1000",
            ["Apps:checkout:Analysis:DefaultWindow"] = "00:30:00",
            ["Apps:payments:Router"] = "nginx",
        });

        Assert.Equal((1000L, TimeSpan.FromMinutes(30), 0.005, 0.95, 1.25),
            (specs["checkout"].Analysis.MinRequests, specs["checkout"].Analysis.DefaultWindow, specs["checkout"].Analysis.MaxErrorRateIncrease,
             specs["checkout"].Analysis.Confidence, specs["checkout"].Analysis.MaxLatencyRatio));
        Assert.Equal(new ChatOpsRelease.Commands.Analysis.AnalysisSettings(), specs["payments"].Analysis);
    }

    private static Dictionary<string, AppSpec> Specs(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build();
        var options = new AppsOptions();
        AppsOptions.Bind(configuration, options);
        return options.ToSpecs().ToDictionary(s => s.Name);
    }
}

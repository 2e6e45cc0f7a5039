using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>Configuration mistakes stop the bot at start-up with sentences that name the setting.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Apps:checkout:Router", "istio", "Apps:checkout:Router 'istio' is not a router this bot has; known routers: replicas, nginx, gateway.")]
    [InlineData("Storage:Provider", "mongodb", "Storage:Provider is 'mongodb'; known providers: litedb.")]
    [InlineData("Kubernetes:Source", "cloud", "Kubernetes:Source is 'cloud'; it must be one of auto, kubeconfig, in-cluster, sandbox.")]
    [InlineData("Releases:WeightLadder:1", "3", "Releases:WeightLadder (5, 3, 50) must rise step by step.")]
    [InlineData("Jobs:QueuePollInterval", "00:01:00", "Jobs:QueuePollInterval is 00:01:00; it must be positive and at most 15 s, or queued commands wait too long.")]
    [InlineData("Apps:checkout:Namespace", "Shop_Prod", "Apps:checkout:Namespace 'Shop_Prod' is not a valid Kubernetes name.")]
    [InlineData("Chat:Slack:BotToken", "xoxb-1", "Chat:Slack is half configured: set SigningSecret (HTTP endpoints) or AppToken (Socket Mode), or both.")]
    [InlineData("Chat:Slack:SigningSecret", "abc", "Chat:Slack is half configured: BotToken is missing (the bot's xoxb- token; set Chat__Slack__BotToken or a secret file).")]
    [InlineData("Chat:Slack:AppToken", "xoxb-wrong-kind", "Chat:Slack:AppToken does not look like an app-level token (it should start with xapp-).")]
    [InlineData("Chat:Teams:AppPassword", "secret", "Chat:Teams is half configured: AppId is missing (the bot's Microsoft App ID; set Chat__Teams__AppId).")]
    [InlineData("Chat:Teams:AppId", "app-1", "Chat:Teams is half configured: AppPassword (or CertificatePath) is missing, so the bot could not answer.")]
    [InlineData("Apps:checkout:Metrics", "prometheus", "Apps:checkout:Metrics 'prometheus' is not a metric source this bot has; configured sources: sandbox (prometheus needs Metrics:Prometheus:Url, elasticsearch needs Metrics:Elasticsearch:Url).")]
    [InlineData("Metrics:Default", "datadog", "Apps:checkout:Metrics 'datadog' is not a metric source this bot has; configured sources: sandbox (prometheus needs Metrics:Prometheus:Url, elasticsearch needs Metrics:Elasticsearch:Url).")]
    [InlineData("Apps:checkout:Analysis:MaxErrorRateIncrease", "2", "Apps:checkout:Analysis:MaxErrorRateIncrease must be more than 0 and less than 1 (0.01 is one percentage point).")]
    [InlineData("Apps:checkout:Analysis:Confidence", "0.2", "Apps:checkout:Analysis:Confidence must be at least 0.5 and less than 1 (0.95 by default).")]
    [InlineData("Apps:checkout:Analysis:MinRequests", "0", "Apps:checkout:Analysis:MinRequests must be at least 1.")]
    [InlineData("Apps:checkout:Analysis:MaxLatencyRatio", "0.5", "Apps:checkout:Analysis:MaxLatencyRatio must be 1 or more (1.25 lets the canary's p95 be a quarter slower).")]
    [InlineData("Apps:checkout:Analysis:DefaultWindow", "00:00:10", "Apps:checkout:Analysis:DefaultWindow must be between 1 minute and 7 days.")]
    [InlineData("Sandbox:Traffic:ErrorRate", "1.5", "Sandbox:Traffic:ErrorRate must be between 0 and 1.")]
    [InlineData("Metrics:Prometheus:Url", "not a url", "Metrics:Prometheus:Url 'not a url' is not an absolute http(s) address.")]
    public async Task InvalidSetting_StopsStartWithAClearSentence(string key, string value, string expected)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?> { [key] = value });
            await host.RunToEndAsync(TimeSpan.FromSeconds(20));
        });

        var failures = ex switch
        {
            OptionsValidationException one => one.Failures,
            AggregateException many => many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures),
            _ => [],
        };
        Assert.Contains(expected, failures);
    }
}

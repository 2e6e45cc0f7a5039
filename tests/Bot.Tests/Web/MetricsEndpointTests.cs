using ChatOpsRelease.Bot.Tests.Observability;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web;

/// <summary><c>/metrics</c> over HTTP after real commands on the sandbox: commands, steps, verdicts, chat errors, jobs, the queue.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_CountADeploy_ARefusedCommand_AVerdict_AChatError_AndTheJobs_WithBoundedLabels()
    {
        await using var host = await SlackBotHost.StartAsync(prepare: slack => slack.FailNext("chat.postMessage", "internal_error"));
        using (await host.CommandAsync("deploy checkout v2.4.0"))
        {
            await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("is deployed", StringComparison.Ordinal) == true);
        }

        using (await host.CommandAsync("promot checkout 20%"))
        {
        }

        using (await host.CommandAsync("compare checkout"))
        {
        }

        var scrape = await Scrape.UntilAsync(host.Http, s =>
            s.Sum("chatops_analysis_verdicts_total") >= 1 && s.Value("""chatops_commands_total{verb="unknown",outcome="refused"}""") >= 1);

        Assert.Equal(1, scrape.Value("""chatops_commands_total{verb="deploy",outcome="accepted"}"""));
        Assert.True(scrape.Value("""chatops_commands_total{verb="step",outcome="done"}""") >= 1, scrape.Text);
        Assert.Equal(1, scrape.Value("""chatops_commands_total{verb="unknown",outcome="refused"}"""));
        Assert.Equal(1, scrape.Sum("chatops_analysis_verdicts_total"));
        Assert.Contains(scrape.Samples.Keys, k => k.StartsWith("chatops_analysis_verdicts_total{verdict=", StringComparison.Ordinal));
        Assert.True(scrape.Value("""chatops_chat_api_errors_total{platform="slack",operation="post_message"}""") >= 1, scrape.Text);
        Assert.True(scrape.Value("""chatops_job_duration_seconds_count{job="release",outcome="succeeded"}""") >= 1, scrape.Text);
        Assert.True(scrape.Value("""chatops_job_duration_seconds_sum{job="release",outcome="succeeded"}""") > 0, scrape.Text);
        Assert.True(scrape.Samples.ContainsKey("""chatops_job_queue_depth{state="enqueued"}"""), scrape.Text);
        Assert.True(scrape.Samples.ContainsKey("""chatops_job_queue_depth{state="scheduled"}"""), scrape.Text);
        Assert.DoesNotContain(scrape.Samples.Keys, k => k.Contains("checkout", StringComparison.Ordinal) || k.Contains("v2.4.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_OfTwoHostsInOneProcess_AreTheirOwn()
    {
        await using var first = await SlackBotHost.StartAsync();
        await using var second = await SlackBotHost.StartAsync();
        using (await first.CommandAsync("promot checkout 20%"))
        {
        }

        await Scrape.UntilAsync(first.Http, s => s.Value("""chatops_commands_total{verb="unknown",outcome="refused"}""") == 1);
        var other = await Scrape.ReadAsync(second.Http);

        Assert.Equal(0, other.Sum("chatops_commands_total"));
    }
}

using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>The retry and fault settings are checked at start-up, every mistake named at once.</summary>
public sealed class RetrySettingsTests
{
    [Fact]
    public async Task BadRetryAndFaultSettings_StopTheBot_NamingEachOne()
    {
        var error = await Assert.ThrowsAsync<AggregateException>(async () =>
        {
            await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?>
            {
                ["Kubernetes:Retries"] = "50",
                ["Kubernetes:RetryDelay"] = "00:00:30",
                ["Kubernetes:RetryMaxDelay"] = "00:00:10",
                ["Sandbox:Faults:ErrorRate"] = "2",
                ["Sandbox:Faults:Verbs:fetch:ErrorRate"] = "0.1",
                ["Sandbox:Faults:Verbs:get:ConflictRate"] = "0.1",
            });
        });
        var failures = error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();

        Assert.Contains("Kubernetes:Retries is 50; it must be between 0 and 20.", failures);
        Assert.Contains("Kubernetes:RetryDelay is 00:00:30; it must be positive and no longer than Kubernetes:RetryMaxDelay (00:00:10).", failures);
        Assert.Contains("Sandbox:Faults:ErrorRate must be between 0 and 1, not 2.", failures);
        Assert.Contains("Sandbox:Faults:Verbs:fetch is not a verb; the verbs are get, list, watch, create, update, patch, delete.", failures);
        Assert.Contains("Sandbox:Faults:Verbs:get:ConflictRate must be 0: only update and patch carry a resourceVersion that can conflict.", failures);
    }

    [Fact]
    public async Task FaultSettings_ReachTheSandbox_AndCanBeChangedWhileItRuns()
    {
        await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?>
        {
            ["Sandbox:Faults:ErrorRate"] = "0.2",
            ["Sandbox:Faults:Seed"] = "42",
            ["Sandbox:Faults:Verbs:update:ConflictRate"] = "0.1",
            ["Sandbox:Faults:Verbs:get:Latency"] = "00:00:00.005",
        });

        var faults = host.Sandbox.Faults.Current;
        host.Sandbox.Faults.Set(new Sandbox.SandboxFaultOptions());

        Assert.Equal((0.2, 42), (faults.ErrorRate, faults.Seed));
        Assert.Equal(0.1, faults.For("update").ConflictRate);
        Assert.Equal(0, faults.For("patch").ConflictRate);
        Assert.Equal(TimeSpan.FromMilliseconds(5), faults.For("get").Latency);
        Assert.Equal(0, host.Sandbox.Faults.Current.ErrorRate);
        Assert.NotNull(host.App.Services.GetRequiredService<ChatOpsRelease.Bot.Kubernetes.KubernetesRetry>());
    }
}

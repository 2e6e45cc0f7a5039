using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>A metric source that is down — answering "no data", or throwing — makes comparisons and the watch Inconclusive, never Pass.</summary>
public sealed class MetricSourceDownTests
{
    private static readonly ReleasePlan Quick = new()
    {
        Name = "quick",
        Origin = "test",
        Steps =
        [
            new PlanStep { Name = "compat", Weight = 25, Bake = TimeSpan.FromMinutes(10), Analysis = true },
            new PlanStep { Name = "full", Weight = 100 },
        ],
    };

    private readonly HandlerHarness _h = new(apps: [new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Plan = "quick" }], plans: [Quick]);

    [Fact]
    public async Task Compare_WhenTheSourceThrows_IsInconclusive_WithoutTheExceptionsText()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = _ => throw new HttpRequestException("Connection refused (token=abc123)");

        var reply = await _h.SayAsync("compare checkout");

        Assert.StartsWith("Inconclusive: no data — the sandbox metric source failed (HttpRequestException); the bot's log has the details.", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", reply.Text, StringComparison.Ordinal);
        Assert.Equal(VerdictOutcome.Inconclusive, _h.Store.Get(release.Id).LastVerdict!.Outcome);
    }

    [Theory]
    [InlineData("down")]
    [InlineData("throws")]
    public async Task TheWatch_WhenTheSourceIsDown_KeepsTheStepBaking_AndNeverMovesOn(string how)
    {
        await _h.AcceptedAsync("deploy checkout v2.4.0 --auto");
        var id = _h.Checkout.Id;
        await _h.RunAsync(id);
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        await _h.Watch.LookAsync(id, default);
        await _h.RunAsync(id);
        Assert.Equal((0, 25), (_h.Checkout.PlanIndex, _h.Checkout.RequestedWeight));
        _h.Metrics.Answer = how == "down"
            ? _ => MetricsResult.Missing("Prometheus at http://127.0.0.1:9/ did not answer: Connection refused")
            : _ => throw new TimeoutException("no answer");

        for (var look = 0; look < 3; look++)
        {
            _h.Time.Advance(TimeSpan.FromMinutes(6));
            await _h.Watch.LookAsync(id, default);
            await _h.RunAsync(id);
        }

        var stored = _h.Store.Get(id);
        Assert.Equal((0, 25, VerdictOutcome.Inconclusive), (stored.PlanIndex, stored.RequestedWeight, stored.LastVerdict!.Outcome));
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.Contains("step compat keeps baking — the analysis is inconclusive: Inconclusive: no data — ", StringComparison.Ordinal));
        Assert.DoesNotContain(_h.Chat.Posts, p => p.Reply.Text.Contains("Pass", StringComparison.Ordinal));
    }
}

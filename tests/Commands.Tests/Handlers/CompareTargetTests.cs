using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using static ChatOpsRelease.Commands.Tests.Handlers.CompareHandlerTests;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>Which release and window <c>compare</c> looks at, what it refuses, and where its verdict shows up later.</summary>
public sealed class CompareTargetTests
{
    private static readonly DateTimeOffset AskedAt = new(2025, 3, 1, 9, 2, 0, TimeSpan.Zero);

    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Compare_WithoutAWindow_LooksAtTheAppsDefaultWindowInFifteenSecondBuckets()
    {
        var release = await _h.DeployCheckoutAsync();

        await _h.SayAsync("compare checkout");

        var (app, releaseId, window) = Assert.Single(_h.Metrics.Calls);
        Assert.Equal(("checkout", release.Id), (app, releaseId));
        Assert.Equal(new MetricWindow(AskedAt.AddMinutes(-15), AskedAt, TimeSpan.FromSeconds(15)), window);
    }

    [Fact]
    public async Task Compare_LastOneHour_LooksAtTheHourInOneMinuteBuckets()
    {
        await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 10);

        var reply = await _h.SayAsync("compare checkout last 1h");

        Assert.Equal(new MetricWindow(AskedAt.AddHours(-1), AskedAt, TimeSpan.FromMinutes(1)), Assert.Single(_h.Metrics.Calls).Window);
        Assert.Contains("checkout v2.3.0 (stable) vs v2.4.0 (canary) — last 1 h (release", reply.Text, StringComparison.Ordinal);
        Assert.Equal("last 1 h", _h.Checkout.LastVerdict!.Window);
    }

    [Fact]
    public async Task Compare_AppWithItsOwnDefaultWindow_UsesIt()
    {
        var h = new HandlerHarness(apps:
        [
            new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod")
            {
                Analysis = new AnalysisSettings { DefaultWindow = TimeSpan.FromMinutes(30) },
            },
        ]);
        await h.DeployCheckoutAsync();

        await h.SayAsync("compare checkout");

        Assert.Equal(TimeSpan.FromMinutes(30), Assert.Single(h.Metrics.Calls).Window.Length);
    }

    [Fact]
    public async Task Compare_AppWhoseSourceIsNotConfigured_IsRefusedWithTheSetting()
    {
        var h = new HandlerHarness(apps:
        [
            new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Metrics = "prometheus" },
        ]);
        var release = await h.DeployCheckoutAsync();

        var reply = await h.SayAsync("compare checkout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Equal("No metric source named `prometheus` is configured for checkout (Apps:checkout:Metrics); known sources: sandbox.", reply.Text);
        Assert.Empty(h.Metrics.Calls);
        Assert.Null(h.Store.Get(release.Id).LastVerdict);
    }

    [Fact]
    public async Task Compare_AppWithoutARelease_IsRefused()
    {
        var reply = await _h.SayAsync("compare cart");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Equal("cart has no release yet. Start one with `deploy cart <version>`.", reply.Text);
        Assert.Empty(_h.Metrics.Calls);
    }

    [Fact]
    public async Task Compare_UnknownApp_IsRefused()
    {
        var reply = await _h.SayAsync("compare chekout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("Did you mean `checkout`?", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_CanaryWithNoActiveRelease_IsRefused()
    {
        var reply = await _h.SayAsync("compare canary");

        Assert.Equal("There is no active release. Start one with `deploy <app> <version>`.", reply.Text);
    }

    [Fact]
    public async Task Compare_AppWhoseReleaseIsRolledBack_ComparesThatLatestRelease()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);
        _h.Metrics.Answer = w => Found(w, 10, 10);

        var reply = await _h.SayAsync("compare checkout");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains($"(release {release.Id}, rolled back):", reply.Text, StringComparison.Ordinal);
        Assert.Equal(release.Id, Assert.Single(_h.Metrics.Calls).ReleaseId);
    }

    [Fact]
    public async Task Status_AfterACompare_ShowsTheLastComparison()
    {
        await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 50);
        await _h.SayAsync("compare checkout");

        var detailed = await _h.SayAsync("status checkout");
        var all = await _h.SayAsync("status");

        const string Line = "  last comparison 09:02Z (last 15 min): Fail — the canary's error rate 2.5 % is above stable's 0.5 % by 2.0 points "
            + "(95 % CI 1.3–2.8), more than the 0.5-point margin.";
        Assert.Contains(Line, detailed.Text.Split('\n'));
        Assert.Contains(Line, all.Text.Split('\n'));
    }

    [Fact]
    public async Task Status_WithoutAComparison_SaysNothingOfOne()
    {
        await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("status checkout");

        Assert.DoesNotContain("last comparison", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsCompare()
    {
        var reply = await _h.SayAsync("help compare");

        Assert.StartsWith("`compare <app|canary> [last <duration>]`\nCompare the canary's errors and latency with stable's", reply.Text, StringComparison.Ordinal);
    }
}

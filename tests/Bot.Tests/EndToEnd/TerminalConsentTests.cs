using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>Freezes, schedules and approvals through the whole bot in the terminal, and a promotion timer run by the real job queue.</summary>
public sealed class TerminalConsentTests
{
    [Fact]
    public async Task AFreezeRefusesADeploy_AnAdminsForcePassesIt_AndTheTerminalShowsSchedulesAndApprovalRequests()
    {
        await using var host = await BotTestHost.CreateAsync(string.Join('\n',
            "freeze checkout maintenance window",
            "deploy checkout v2.0.0",
            "deploy checkout v2.0.0 --force",
            "schedule promote checkout 20% in 2h",
            "schedule list",
            "request approval checkout",
            "status checkout",
            "history checkout") + "\n");

        await host.RunToEndAsync();

        var text = host.Terminal;
        Assert.Contains("Frozen: checkout until `unfreeze checkout` (`maintenance window`).", text, StringComparison.Ordinal);
        Assert.Contains("✗ checkout is frozen (chat freeze: `maintenance window`), until someone says `unfreeze`", text, StringComparison.Ordinal);
        Assert.Contains("As an admin you may override it with `--force`", text, StringComparison.Ordinal);
        Assert.Contains($"⚠ Freeze override: console:{Environment.UserName} ran `deploy checkout v2.0.0 --force`", text, StringComparison.Ordinal);
        Assert.Contains("✓ checkout v2.0.0 is deployed as `checkout-canary` at 0%", text, StringComparison.Ordinal);
        Assert.Matches(@"Scheduled s[0-9a-f]{6}: `promote checkout 20%` at \d{4}-\d\d-\d\d \d\d:\d\d UTC, in 2 h\.", text);
        Assert.Matches(@"• s[0-9a-f]{6}: `promote checkout 20%` at ", text);
        Assert.Matches(@"Approval a[0-9a-f]{6}: checkout compat \(5% of traffic\)", text);
        Assert.Matches(@"Say `approve a[0-9a-f]{6}` or `reject a[0-9a-f]{6}`\.", text);
        Assert.Matches(@"waiting for approval: a[0-9a-f]{6} for step compat", text);
        Assert.Contains("`freeze override` by console:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APromotionTimer_RunByTheJobQueue_PromotesAtItsTime()
    {
        await using var host = await BotTestHost.CreateAsync("deploy checkout v2.0.0\n", new Dictionary<string, string?> { ["Chat:Console:ExitWhenInputEnds"] = "false" });
        await host.App.StartAsync();
        var store = host.App.Services.GetRequiredService<IReleaseStore>();
        var release = await WaitAsync(async () => await store.LatestAsync("checkout", default) is { HasOpenSteps: false, EffectiveWeight: 0 } r ? r : null);
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        await store.UpdateAsync(release.Id, r =>
        {
            r.Schedules.Add(new ScheduledPromotion
            {
                Id = "s0timer", Command = "promote checkout 50%", What = "to 50%", At = at, TimeZone = "UTC",
                RequestedBy = new Actor("console", Environment.UserName, Environment.UserName), Conversation = r.Conversation, CreatedAt = at,
            });
            return 0;
        }, default);

        host.App.Services.GetRequiredService<IReleaseJobs>().SchedulePromotionTimer(release.Id, "s0timer", PromotionTimer.Promote, at);

        var done = await WaitAsync(async () => await store.GetAsync(release.Id, default) is { EffectiveWeight: 50 } r ? r : null);
        Assert.Equal(ScheduleState.Done, done.FindSchedule("s0timer")!.State);
        Assert.Contains("Scheduled promotion s0timer (`promote checkout 50%`", host.Terminal, StringComparison.Ordinal);
        await host.App.StopAsync();
    }

    /// <summary>Polls until <paramref name="probe"/> gives a value; at most 30 s.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The bot did not get there within 30 s.");
    }
}

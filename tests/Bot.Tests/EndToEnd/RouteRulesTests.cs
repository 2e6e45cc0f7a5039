using ChatOpsRelease.Bot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>User rules through the whole bot: the NGINX canary Ingress follows them, a timed one gets its end scheduled.</summary>
public sealed class RouteRulesTests
{
    [Fact]
    public async Task TimedHeaderRule_ReachesTheIngress_AndItsEndIsScheduled()
    {
        await using var host = await BotTestHost.CreateAsync(
            "deploy payments v3.2.0\nroute payments header X-Canary=testers for 2h\nstatus payments\nroute payments clear\n");

        await host.RunToEndAsync();

        Assert.Contains("✓ payments: requests with header X-Canary: testers now reach the canary v3.2.0 (no public traffic yet).", host.Terminal);
        Assert.Contains("traffic to canary 0% and requests with header X-Canary: testers (1 h 59 min left)", host.Terminal);
        Assert.Contains("✓ payments: no user rules any more; the canary v3.2.0 gets 0% of traffic.", host.Terminal);
        var canary = host.Sandbox.GetObject("Ingress", "shop", "payments-canary")!;
        Assert.Null((string?)canary["metadata"]!["annotations"]!["nginx.ingress.kubernetes.io/canary-by-header"]);
        var scheduled = host.App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 10);
        var expiry = Assert.Single(scheduled);
        Assert.Equal("ExpireAsync", expiry.Value.Job.Method.Name);
        Assert.InRange(expiry.Value.EnqueueAt, DateTime.UtcNow.AddMinutes(115), DateTime.UtcNow.AddMinutes(121));
    }
}

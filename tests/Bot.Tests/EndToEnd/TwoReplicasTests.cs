using ChatOpsRelease.Bot.Tests.Storage;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// Two bot replicas on one PostgreSQL database and one cluster take 100 commands across 20 apps, each release's
/// commands said to both replicas in turn: every command is done once, every step is carried out once (by either
/// replica), the audit log has every command and every step, and the cluster ends as the releases say.
/// </summary>
public sealed class TwoReplicasTests : PostgresTest
{
    private const int Apps = 20;
    private static readonly Actor Person = new("console", "release-engineer", "release-engineer");

    [Fact]
    public async Task HundredCommandsAcrossTwentyApps_AreEachDoneOnce_WithACompleteAudit()
    {
        await using var cluster = await SharedCluster.StartAsync(Apps, TimeSpan.FromMilliseconds(30));
        var logs = new[] { new CapturingLoggerProvider(), new CapturingLoggerProvider() };
        await using var a = await StartReplicaAsync(cluster, logs[0]);
        await using var b = await StartReplicaAsync(cluster, logs[1]);
        var replicas = new[] { a, b };

        // Per app: deploy on one replica, promote to 50% on the other, full on the first again, and two reads.
        var results = new List<CommandResult>();
        string[][] rounds =
        [
            [.. Enumerable.Range(1, Apps).Select(n => $"deploy {SharedCluster.App(n)} v2")],
            [.. Enumerable.Range(1, Apps).Select(n => $"promote {SharedCluster.App(n)} 50%")],
            [.. Enumerable.Range(1, Apps).Select(n => $"status {SharedCluster.App(n)}")],
            [.. Enumerable.Range(1, Apps).Select(n => $"promote {SharedCluster.App(n)} full")],
            [.. Enumerable.Range(1, Apps).Select(n => $"history {SharedCluster.App(n)}")],
        ];
        for (var round = 0; round < rounds.Length; round++)
        {
            var said = rounds[round].Select((text, i) => Say(replicas[(i + round) % 2], text));
            results.AddRange(await Task.WhenAll(said));
        }

        Assert.Equal(100, results.Count);
        Assert.All(results, r => Assert.True(r.Reply.Kind is ReplyKind.Accepted or ReplyKind.Info, r.Reply.Text));

        var store = a.App.Services.GetRequiredService<IReleaseStore>();
        var audit = a.App.Services.GetRequiredService<IAuditLog>();
        for (var n = 1; n <= Apps; n++)
        {
            var app = SharedCluster.App(n);
            var release = await WaitForAsync(async () => await store.LatestAsync(app, default) is { State: ReleaseState.Completed } done ? done : null, app);
            Assert.Equal([StepStatus.Applied, StepStatus.Applied, StepStatus.Applied], release.Steps.Select(s => s.Status));
            Assert.Empty(ReleaseConsistency.Problems(cluster.Sandbox, release, "replicas"));

            // A step is recorded as done in the audit log just after it is marked applied: wait for the last one.
            var entries = await WaitForAsync(async () => await audit.RecentAsync(app, 100, default) is var all
                && release.Steps.All(step => all.Any(e => e.Command.StartsWith($"step {step.Id}:", StringComparison.Ordinal) && e.Outcome == AuditOutcome.Done))
                    ? all
                    : null, app);
            foreach (var command in new[] { $"deploy {app} v2", $"promote {app} 50%", $"promote {app} full" })
            {
                Assert.Single(entries, e => e.Command == command && e.Outcome == AuditOutcome.Accepted);
            }

            Assert.Single(entries, e => e.Command == $"status {app}" && e.Outcome == AuditOutcome.Answered);
            foreach (var step in release.Steps)
            {
                Assert.Single(entries, e => e.Command.StartsWith($"step {step.Id}:", StringComparison.Ordinal) && e.Outcome == AuditOutcome.Done);
            }
        }

        // The work was shared: each replica carried out steps.
        Assert.All(logs, log => Assert.Contains(log.Entries, e => e.AllText.Contains("carrying out step", StringComparison.Ordinal)));
        var carried = logs.Sum(log => log.Entries.Count(e => e.AllText.Contains("carrying out step", StringComparison.Ordinal)));
        Assert.Equal(3 * Apps, carried);
    }

    private static Task<CommandResult> Say(BotTestHost replica, string text) =>
        replica.App.Services.GetRequiredService<CommandHandler>().HandleAsync(new ChatRequest(text, Person, new ConversationRef("console", "terminal")), default);

    private async Task<BotTestHost> StartReplicaAsync(SharedCluster cluster, CapturingLoggerProvider logs)
    {
        var settings = cluster.Settings(Storage.ConnectionString);
        settings["Chat:Console:Enabled"] = "false";
        settings["Logging:LogLevel:ChatOpsRelease"] = "Information";
        var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder => builder.Logging.AddProvider(logs));
        await host.App.StartAsync();
        return host;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string app)
        where T : class
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{app}'s release, or its audit, was not complete within a minute.");
    }
}

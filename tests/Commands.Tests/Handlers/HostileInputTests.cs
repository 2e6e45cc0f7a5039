using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>
/// Thousands of random and mutated lines through the real parser and command handler. A viewer can change nothing, so
/// every line must come back as a readable refusal or answer and leave the cluster, the store and the queue as they
/// were; an admin may change things, but no line may throw or come back unreadable.
/// </summary>
public sealed class HostileInputTests
{
    public const int ViewerSeed = 9001;
    public const int ViewerLines = 10_000;
    public const int AdminSeed = 9002;
    public const int AdminLines = 4_000;

    private static readonly Actor Setter = new("slack", "U9", "sam");

    [Fact]
    public async Task AViewersLines_AreAnsweredReadably_AndChangeNothing()
    {
        var h = new HandlerHarness(policy: new AccessPolicy(
        [
            new AccessGrant(["*"], Role.Viewer, [], []),
            new AccessGrant(["slack:U9"], Role.Admin, [], []),
        ]));
        var ids = await SetUpAsync(h);
        var before = await SnapshotAsync(h);
        var audited = h.Audit.Entries.Count;
        var lines = new HostileLines(ViewerSeed, ids);

        foreach (var line in lines.Take(ViewerLines))
        {
            var reply = await h.SayAsync(line);

            ReadableReply.Assert(line, reply);
            Assert.True(reply.Kind is ReplyKind.Refused or ReplyKind.Info, $"A viewer's line was {reply.Kind}: {ReadableReply.Shown(line)}\n{reply.Text}");
        }

        Assert.Equal(before, await SnapshotAsync(h));
        Assert.Equal(audited + ViewerLines, h.Audit.Entries.Count);
    }

    [Fact]
    public async Task AnAdminsLines_NeverThrow_AndAreAnsweredReadably()
    {
        var h = new HandlerHarness();
        var lines = new HostileLines(AdminSeed);
        var accepted = 0;

        foreach (var line in lines.Take(AdminLines))
        {
            lines.Ids = Ids(h);
            var reply = await h.SayAsync(line);

            ReadableReply.Assert(line, reply);
            if (reply.Kind == ReplyKind.Accepted)
            {
                accepted++;
                foreach (var release in h.Store.All.Where(r => r.HasOpenSteps))
                {
                    await h.RunAsync(release.Id);
                }
            }
        }

        foreach (var (_, posted) in h.Chat.Posts)
        {
            Assert.Null(ReadableReply.Problem(posted));
        }

        Assert.True(accepted > 100, $"Only {accepted} of {AdminLines} lines were accepted; the mutations should leave many valid.");
    }

    /// <summary>Sam (an admin) starts a release of checkout at 25%, asks for an approval, schedules a promotion and freezes cart.</summary>
    private static async Task<IReadOnlyList<string>> SetUpAsync(HandlerHarness h)
    {
        foreach (var line in new[] { "deploy checkout v2.4.0", "promote checkout 25%", "request approval checkout", "schedule promote checkout 50% in 3h", "freeze cart for 1d" })
        {
            var reply = await h.SayAsync(line, who: Setter);
            Assert.True(reply.Kind == ReplyKind.Accepted, $"{line}: {reply.Text}");
            await h.RunAsync(h.Checkout.Id);
        }

        return Ids(h);
    }

    private static IReadOnlyList<string> Ids(HandlerHarness h) =>
        [.. h.Store.All.SelectMany(r => r.Approvals.Select(a => a.Id).Concat(r.Schedules.Select(s => s.Id))), "a1b2c3", "s1b2c3"];

    private static async Task<State> SnapshotAsync(HandlerHarness h) => new(
        h.Workloads.Calls.Count,
        h.Router.Targets.Count,
        string.Join(';', h.Store.All.Select(r => $"{r.Id}:{r.State}:{r.RequestedWeight}:{r.Steps.Count}:{r.Approvals.Count(a => a.IsPending)}:{r.Schedules.Count}:{r.Rules.Count}")),
        (await h.FreezeStore.AllAsync(CancellationToken.None)).Count,
        h.Jobs.Enqueued.Count,
        h.Jobs.Timers.Count,
        h.Chat.Decisions.Count);

    /// <summary>What a viewer must not change: cluster calls, releases with their steps, approvals, schedules and rules, freezes, jobs, cards.</summary>
    private sealed record State(int WorkloadChanges, int RouterChanges, string Releases, int Freezes, int Jobs, int Timers, int Cards);
}

using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>What every release store and audit log does, whatever keeps it (one subclass per provider).</summary>
public abstract class ReleaseStoreContract : StorageContract
{
    private static readonly Actor Alice = new("slack", "U1", "alice");

    [Fact]
    public async Task Release_RoundTripsWithStepsAndConversation()
    {
        var release = NewRelease("checkout");
        release.Accept(ReleaseTrigger.SetWeight, 20, "slack:U1", new ConversationRef("slack", "C1", "171.2"), Now);

        Assert.Null(await Session.Releases.TryCreateAsync(release, default));
        var loaded = await Session.Releases.GetAsync(release.Id, default);

        Assert.NotNull(loaded);
        Assert.Equal(release.ToImage, loaded.ToImage);
        Assert.Equal(20, loaded.RequestedWeight);
        Assert.Equal(new ConversationRef("console", "terminal"), loaded.Conversation);
        Assert.Equal(new ConversationRef("slack", "C1", "171.2"), loaded.Steps[1].Conversation);
        Assert.Equal([StepKind.Deploy, StepKind.SetWeight], loaded.Steps.Select(s => s.Kind));
        Assert.Equal(Now, loaded.CreatedAt);
    }

    [Fact]
    public void TheFullRelease_SetsEveryStoredProperty()
    {
        Assert.Empty(FullRelease.DefaultsIn(FullRelease.Build(Now)));
    }

    [Fact]
    public async Task AFullRelease_RoundTripsEveryProperty_AcrossAReopen()
    {
        var release = FullRelease.Build(Now);
        Assert.Null(await Session.Releases.TryCreateAsync(release, default));
        await ReopenAsync();

        var loaded = await Session.Releases.GetAsync(release.Id, default);

        Assert.Equal(FullRelease.Describe(release), FullRelease.Describe(loaded!));
        Assert.Same(loaded!.Approvals[0], loaded.FindApproval("A1B2C3"));
    }

    [Fact]
    public async Task ADecidedApprovalAndASchedule_SurviveReopening()
    {
        var release = NewRelease("checkout");
        release.Starter = Alice;
        release.Approvals.Add(new Approval
        {
            Id = "a1b2c3", PlanIndex = 3, StepText = "full (everyone)", Command = "promote checkout full", RequestedBy = Alice,
            RequestedAt = Now, ExpiresAt = Now.AddHours(2), TwoPersonRule = true, Quorum = 2,
            Votes = [new ApprovalVote("bob (slack:U2)", "slack:U2", Now.AddMinutes(5)), new ApprovalVote("carol (slack:U3)", "slack:U3", Now.AddMinutes(6))],
            State = ApprovalState.Approved, DecidedBy = "bob (slack:U2) and carol (slack:U3)", DecidedAt = Now.AddMinutes(6), MessageId = "171.3",
        });
        release.Schedules.Add(new ScheduledPromotion
        {
            Id = "s4d5e6", Command = "promote checkout 50%", What = "to 50%", At = Now.AddHours(4), TimeZone = "Asia/Shanghai",
            RequestedBy = Alice, Conversation = new ConversationRef("slack", "C1", "171.2"), CreatedAt = Now, Noticed = true, NoticeMessageId = "171.4",
        });
        Assert.Null(await Session.Releases.TryCreateAsync(release, default));
        await ReopenAsync();

        var loaded = (await Session.Releases.GetAsync(release.Id, default))!;

        Assert.Equal(Alice, loaded.Starter);
        var approval = Assert.Single(loaded.Approvals);
        Assert.Equal((ApprovalState.Approved, 2, true, "promote checkout full", "171.3"), (approval.State, approval.Quorum, approval.TwoPersonRule, approval.Command, approval.MessageId));
        Assert.Equal(Alice, approval.RequestedBy);
        Assert.Equal([("slack:U2", Now.AddMinutes(5)), ("slack:U3", Now.AddMinutes(6))], approval.Votes.Select(v => (v.WhoKey, v.At)));
        Assert.Equal((Now.AddMinutes(6), Now.AddHours(2)), (approval.DecidedAt, approval.ExpiresAt));
        var schedule = Assert.Single(loaded.Schedules);
        Assert.Equal((ScheduleState.Pending, Now.AddHours(4), "Asia/Shanghai", true), (schedule.State, schedule.At, schedule.TimeZone, schedule.Noticed));
        Assert.Equal(new ConversationRef("slack", "C1", "171.2"), schedule.Conversation);
        Assert.Same(approval, loaded.FindApproval("A1B2C3"));
    }

    [Fact]
    public async Task TryCreate_WhenAppHasActiveRelease_ReturnsItAndStoresNothing()
    {
        var first = NewRelease("checkout");
        await Session.Releases.TryCreateAsync(first, default);

        var existing = await Session.Releases.TryCreateAsync(NewRelease("checkout"), default);
        var other = await Session.Releases.TryCreateAsync(NewRelease("cart"), default);

        Assert.Equal(first.Id, existing?.Id);
        Assert.Null(other);
        Assert.Equal(2, (await Session.Releases.ActiveAsync(default)).Count);
    }

    [Fact]
    public async Task TryCreate_AfterReleaseFinished_StartsANewOne_AndLatestPrefersTheActiveOne()
    {
        var first = NewRelease("checkout");
        await Session.Releases.TryCreateAsync(first, default);
        await Session.Releases.UpdateAsync(first.Id, r => r.Accept(ReleaseTrigger.Rollback, null, "me", r.Conversation, Now), default);
        await Session.Releases.UpdateAsync(first.Id, r => { r.MarkApplied(r.Steps[^1].Id, 0, "rolled back", Now); return 0; }, default);
        Assert.Equal(first.Id, (await Session.Releases.LatestAsync("checkout", default))?.Id);

        var second = Release.Start(NewRequest("checkout"), Now.AddMinutes(-5));
        Assert.Null(await Session.Releases.TryCreateAsync(second, default));

        Assert.Equal(second.Id, (await Session.Releases.LatestAsync("checkout", default))?.Id);
        Assert.Equal([second.Id], (await Session.Releases.ActiveAsync(default)).Select(r => r.Id));
        Assert.Null(await Session.Releases.LatestAsync("search", default));
    }

    [Fact]
    public async Task Latest_WithoutAnActiveRelease_IsTheNewestFinishedOne()
    {
        foreach (var minutes in new[] { 0, 10, 5 })
        {
            var release = Release.Start(NewRequest("checkout"), Now.AddMinutes(minutes));
            release.State = ReleaseState.Completed;
            Assert.Null(await Session.Releases.TryCreateAsync(release, default));
        }

        Assert.Equal(Now.AddMinutes(10), (await Session.Releases.LatestAsync("checkout", default))?.CreatedAt);
        Assert.Empty(await Session.Releases.ActiveAsync(default));
    }

    [Fact]
    public async Task Active_ListsUnfinishedReleasesOldestFirst()
    {
        var late = Release.Start(NewRequest("search"), Now.AddMinutes(2));
        var early = Release.Start(NewRequest("checkout"), Now);
        var done = Release.Start(NewRequest("cart"), Now.AddMinutes(1));
        done.State = ReleaseState.RolledBack;
        foreach (var release in new[] { late, early, done })
        {
            await Session.Releases.TryCreateAsync(release, default);
        }

        Assert.Equal([early.Id, late.Id], (await Session.Releases.ActiveAsync(default)).Select(r => r.Id));
    }

    [Fact]
    public async Task Update_IsAtomicUnderConcurrency()
    {
        var release = NewRelease("checkout");
        await Session.Releases.TryCreateAsync(release, default);

        await Parallel.ForEachAsync(Enumerable.Range(0, 50), async (_, ct) =>
            await Session.Releases.UpdateAsync(release.Id, r => r.RequestedWeight++, ct));

        Assert.Equal(50, (await Session.Releases.GetAsync(release.Id, default))!.RequestedWeight);
    }

    [Fact]
    public async Task Update_WhenChangeThrows_StoresNothing()
    {
        var release = NewRelease("checkout");
        await Session.Releases.TryCreateAsync(release, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Session.Releases.UpdateAsync<int>(release.Id, r =>
        {
            r.RequestedWeight = 99;
            throw new InvalidOperationException("refused");
        }, default));

        Assert.Equal(0, (await Session.Releases.GetAsync(release.Id, default))!.RequestedWeight);
    }

    [Fact]
    public async Task Update_OfAMissingRelease_Throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Session.Releases.UpdateAsync("nothere", r => r.Revision, default));

        Assert.Equal("Release nothere does not exist.", error.Message);
        Assert.Null(await Session.Releases.GetAsync("nothere", default));
    }

    [Fact]
    public async Task Audit_ListsAnAppsEntriesNewestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await Session.Audit.AppendAsync(new AuditEntry(Now.AddSeconds(i), "console:me", "console:terminal", "checkout", "r1", $"status checkout {i}", AuditOutcome.Answered, "ok"), default);
        }

        await Session.Audit.AppendAsync(new AuditEntry(Now, "console:me", "console:terminal", "cart", null, "status cart", AuditOutcome.Answered, "ok"), default);
        await Session.Audit.AppendAsync(new AuditEntry(Now, "console:me", "console:terminal", null, null, "promot", AuditOutcome.Refused, "unknown verb"), default);

        var recent = await Session.Audit.RecentAsync("checkout", 3, default);

        Assert.Equal(["status checkout 4", "status checkout 3", "status checkout 2"], recent.Select(e => e.Command));
        Assert.Equal(new AuditEntry(Now.AddSeconds(4), "console:me", "console:terminal", "checkout", "r1", "status checkout 4", AuditOutcome.Answered, "ok"), recent[0]);
    }

    [Fact]
    public async Task Data_SurvivesReopening()
    {
        var release = NewRelease("checkout");
        await Session.Releases.TryCreateAsync(release, default);
        await Session.Audit.AppendAsync(new AuditEntry(Now, "console:me", "console:terminal", "checkout", release.Id, "deploy checkout v2", AuditOutcome.Accepted, "ok"), default);
        await ReopenAsync();

        Assert.Equal(release.Id, (await Session.Releases.GetAsync(release.Id, default))?.Id);
        Assert.Equal(AuditOutcome.Accepted, Assert.Single(await Session.Audit.RecentAsync("checkout", 10, default)).Outcome);
    }

    private static Release NewRelease(string app) => Release.Start(NewRequest(app), Now);

    private static NewRelease NewRequest(string app) =>
        new(app, "sandbox", "shop", "v1", "v2", $"r/{app}:v1", $"r/{app}:v2", 4, "console:me", new ConversationRef("console", "terminal"));
}

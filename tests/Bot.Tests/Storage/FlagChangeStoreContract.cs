using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>What every flag change store does, whatever keeps it (one subclass per provider).</summary>
public abstract class FlagChangeStoreContract : StorageContract
{
    private static readonly Actor Alice = new("slack", "U1", "alice");

    [Fact]
    public void TheFullChange_SetsEveryStoredProperty()
    {
        Assert.Empty(FullRelease.DefaultsIn(FullChange(), "change"));
    }

    [Fact]
    public async Task AFullChange_RoundTripsEveryProperty_AcrossAReopen()
    {
        var change = FullChange();
        await Session.FlagChanges.AddAsync(change, default);
        await ReopenAsync();

        var loaded = await Session.FlagChanges.GetAsync(change.Id, default);

        Assert.NotNull(loaded);
        Assert.Equal(FullRelease.Describe(change), FullRelease.Describe(loaded));
        Assert.Equal((Alice, new ConversationRef("slack", "C1", "171.2")), (loaded.RequestedBy, loaded.Conversation));
        var approval = loaded.Approval!;
        Assert.Equal((ApprovalState.Approved, "bob (slack:U2) and carol (slack:U3)", Now.AddMinutes(6)), (approval.State, approval.DecidedBy, approval.DecidedAt));
        Assert.Equal([("slack:U2", Now.AddMinutes(5)), ("slack:U3", Now.AddMinutes(6))], approval.Votes.Select(v => (v.WhoKey, v.At)));
    }

    [Fact]
    public async Task Get_OfAnUnknownId_IsNull()
    {
        Assert.Null(await Session.FlagChanges.GetAsync("gnothere", default));
    }

    [Fact]
    public async Task Add_TheSameIdAgain_KeepsTheStoredChange()
    {
        await Session.FlagChanges.AddAsync(NewChange("g1", "demo", "new-checkout", Now), default);
        await Session.FlagChanges.UpdateAsync("g1", c => c.State = FlagChangeState.Applied, default);

        await Session.FlagChanges.AddAsync(NewChange("g1", "demo", "new-checkout", Now), default);

        Assert.Equal(FlagChangeState.Applied, (await Session.FlagChanges.GetAsync("g1", default))!.State);
        Assert.Single(await Session.FlagChanges.RecentAsync("demo", null, 10, default));
    }

    [Fact]
    public async Task Update_StoresTheChange_AndReturnsWhatTheUpdateReturned()
    {
        await Session.FlagChanges.AddAsync(NewChange("g1", "demo", "new-checkout", Now), default);

        var result = await Session.FlagChanges.UpdateAsync("g1", c =>
        {
            (c.State, c.From, c.DoneAt, c.Result) = (FlagChangeState.Applied, "off", Now.AddMinutes(1), "written to eu-1");
            return c.Result;
        }, default);

        var stored = (await Session.FlagChanges.GetAsync("g1", default))!;
        Assert.Equal("written to eu-1", result);
        Assert.Equal((FlagChangeState.Applied, "off", Now.AddMinutes(1), "written to eu-1"), (stored.State, stored.From, stored.DoneAt, stored.Result));
    }

    [Fact]
    public async Task Update_IsAtomicUnderConcurrency()
    {
        var change = NewChange("g1", "demo", "new-checkout", Now);
        change.Approval = NewApproval(ApprovalState.Pending, quorum: 50);
        await Session.FlagChanges.AddAsync(change, default);

        await Parallel.ForEachAsync(Enumerable.Range(0, 50), async (i, ct) =>
            await Session.FlagChanges.UpdateAsync("g1", c =>
            {
                c.Approval!.Votes.Add(new ApprovalVote($"person {i}", $"slack:U{i}", Now));
                return c.Approval.Votes.Count;
            }, ct));

        var votes = (await Session.FlagChanges.GetAsync("g1", default))!.Approval!.Votes;
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"slack:U{i}").Order(StringComparer.Ordinal), votes.Select(v => v.WhoKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_WhenTheUpdateThrows_StoresNothing()
    {
        await Session.FlagChanges.AddAsync(NewChange("g1", "demo", "new-checkout", Now), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Session.FlagChanges.UpdateAsync<int>("g1", c =>
        {
            c.State = FlagChangeState.Applied;
            throw new InvalidOperationException("refused");
        }, default));

        Assert.Equal(FlagChangeState.Queued, (await Session.FlagChanges.GetAsync("g1", default))!.State);
    }

    [Fact]
    public async Task Update_OfAnUnknownId_ThrowsKeyNotFound_AndStoresNothing()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Session.FlagChanges.UpdateAsync("gnothere", c => c.State = FlagChangeState.Applied, default));

        Assert.Null(await Session.FlagChanges.GetAsync("gnothere", default));
    }

    [Fact]
    public async Task Recent_ListsOneAppsChangesNewestFirst_AtMostTheLimit()
    {
        foreach (var (id, minutes) in new[] { ("g0", 0), ("g10", 10), ("g5", 5), ("g20", 20) })
        {
            await Session.FlagChanges.AddAsync(NewChange(id, "demo", $"flag-{minutes}", Now.AddMinutes(minutes)), default);
        }

        await Session.FlagChanges.AddAsync(NewChange("g99", "shop", "flag-0", Now.AddMinutes(30)), default);

        Assert.Equal(["g20", "g10", "g5"], (await Session.FlagChanges.RecentAsync("demo", null, 3, default)).Select(c => c.Id));
        Assert.Equal(["g20", "g10", "g5", "g0"], (await Session.FlagChanges.RecentAsync("demo", null, 10, default)).Select(c => c.Id));
        Assert.Equal(["g99"], (await Session.FlagChanges.RecentAsync("shop", null, 10, default)).Select(c => c.Id));
        Assert.Empty(await Session.FlagChanges.RecentAsync("search", null, 10, default));
    }

    [Fact]
    public async Task Recent_OfOneFlag_ComparesItsNameWithoutCase_AndKeepsAppsApart()
    {
        await Session.FlagChanges.AddAsync(NewChange("g1", "demo", "New-Checkout", Now), default);
        await Session.FlagChanges.AddAsync(NewChange("g2", "demo", "dark-mode", Now.AddMinutes(1)), default);
        await Session.FlagChanges.AddAsync(NewChange("g3", "demo", "new-checkout", Now.AddMinutes(2)), default);
        await Session.FlagChanges.AddAsync(NewChange("g4", "shop", "new-checkout", Now.AddMinutes(3)), default);
        await Session.FlagChanges.AddAsync(NewChange("g5", "demo", "NEW-CHECKOUT", Now.AddMinutes(4)), default);

        Assert.Equal(["g5", "g3", "g1"], (await Session.FlagChanges.RecentAsync("demo", "new-checkout", 10, default)).Select(c => c.Id));
        Assert.Equal(["g5", "g3"], (await Session.FlagChanges.RecentAsync("demo", "New-CHECKOUT", 2, default)).Select(c => c.Id));
        Assert.Equal(["g4"], (await Session.FlagChanges.RecentAsync("shop", "New-Checkout", 10, default)).Select(c => c.Id));
        Assert.Empty(await Session.FlagChanges.RecentAsync("demo", "new", 10, default));
    }

    [Fact]
    public async Task AwaitingApproval_ListsOnlyChangesWaitingOnAPendingRequest_OfEveryApp()
    {
        await AddAsync("g1", "demo", FlagChangeState.AwaitingApproval, NewApproval(ApprovalState.Pending), minutes: 2);
        await AddAsync("g2", "shop", FlagChangeState.AwaitingApproval, NewApproval(ApprovalState.Pending), minutes: 1);
        await AddAsync("g3", "demo", FlagChangeState.AwaitingApproval, NewApproval(ApprovalState.Approved), minutes: 0);
        await AddAsync("g4", "demo", FlagChangeState.AwaitingApproval, null, minutes: 0);
        await AddAsync("g5", "demo", FlagChangeState.Queued, NewApproval(ApprovalState.Pending), minutes: 0);
        await AddAsync("g6", "demo", FlagChangeState.Dropped, NewApproval(ApprovalState.Rejected), minutes: 0);

        Assert.Equal(["g1", "g2"], (await Session.FlagChanges.AwaitingApprovalAsync(default)).Select(c => c.Id).Order());

        await Session.FlagChanges.UpdateAsync("g1", c => c.Approval!.State = ApprovalState.Expired, default);
        Assert.Equal(["g2"], (await Session.FlagChanges.AwaitingApprovalAsync(default)).Select(c => c.Id));
    }

    [Fact]
    public async Task Changes_AndTheirUpdates_SurviveReopening()
    {
        await AddAsync("g1", "demo", FlagChangeState.AwaitingApproval, NewApproval(ApprovalState.Pending), minutes: 0);
        await AddAsync("g2", "demo", FlagChangeState.Queued, null, minutes: 1);
        await Session.FlagChanges.UpdateAsync("g2", c => (c.State, c.Result) = (FlagChangeState.Failed, "the cluster did not answer"), default);
        await ReopenAsync();

        Assert.Equal(["g2", "g1"], (await Session.FlagChanges.RecentAsync("demo", "new-checkout", 10, default)).Select(c => c.Id));
        Assert.Equal("g1", Assert.Single(await Session.FlagChanges.AwaitingApprovalAsync(default)).Id);
        var failed = (await Session.FlagChanges.GetAsync("g2", default))!;
        Assert.Equal((FlagChangeState.Failed, "the cluster did not answer"), (failed.State, failed.Result));
    }

    private Task AddAsync(string id, string app, FlagChangeState state, Approval? approval, int minutes)
    {
        var change = NewChange(id, app, "new-checkout", Now.AddMinutes(minutes));
        (change.State, change.Approval) = (state, approval);
        return Session.FlagChanges.AddAsync(change, default);
    }

    private static FlagChange NewChange(string id, string app, string flag, DateTimeOffset at) => new()
    {
        Id = id, App = app, Flag = flag, Command = $"flag {app} {flag} on", To = "on for everyone", RequestedBy = Alice,
        Conversation = new ConversationRef("console", "terminal"), RequestedAt = at,
    };

    private static Approval NewApproval(ApprovalState state, int quorum = 1) => new()
    {
        Id = "a1b2c3", StepText = "new-checkout on", RequestedBy = Alice, RequestedAt = Now, ExpiresAt = Now.AddHours(2), Quorum = quorum, State = state,
    };

    /// <summary>A change in which every stored property, of its approval and votes too, holds a value other than its default.</summary>
    private static FlagChange FullChange()
    {
        var at = Now.ToOffset(TimeSpan.FromHours(8));
        return new FlagChange
        {
            Id = "g1a2b3c", App = "demo", Flag = "new-checkout", Command = "flag demo new-checkout 30% for 2h",
            To = "on for 30% of users until 27 Nov 14:00 UTC", From = "off", RequestedBy = Alice, Conversation = new ConversationRef("slack", "C1", "171.2"),
            RequestedAt = at, State = FlagChangeState.Applied, ApprovalUsed = true, DoneAt = at.AddMinutes(7), Result = "written to eu-1 and us-1",
            Until = at.AddHours(2),
            Approval = new Approval
            {
                Id = "a1b2c3", PlanIndex = 1, StepText = "new-checkout 30% for 2h", Command = "flag demo new-checkout 30% for 2h", RequestedBy = Alice,
                RequestedAt = at, ExpiresAt = at.AddHours(2), Reason = "production needs approval", TwoPersonRule = true, Quorum = 2,
                Votes = [new ApprovalVote("bob (slack:U2)", "slack:U2", at.AddMinutes(5)), new ApprovalVote("carol (slack:U3)", "slack:U3", at.AddMinutes(6))],
                State = ApprovalState.Approved, DecidedBy = "bob (slack:U2) and carol (slack:U3)", DecidedAt = at.AddMinutes(6), Note = "looks safe",
                MessageId = "171.3",
            },
        };
    }
}

using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Flags;

/// <summary><c>flag</c> and <c>flags</c> through the whole core: parse, gates, handler, job, ConfigMap, card and audit.</summary>
public sealed class FlagHandlerTests
{
    private readonly HandlerHarness _h = new();

    private AppSpec Checkout => _h.Apps.Find("checkout")!;

    private FeatureFlag? Flag(string name = "new-checkout") => _h.FlagMaps.Flag(Checkout, name);

    private async Task<Reply> ChangeAsync(string text)
    {
        var reply = await _h.AcceptedAsync(text);
        await _h.RunFlagJobsAsync();
        return reply;
    }

    [Fact]
    public async Task APercentage_IsQueued_ThenWrittenByTheJob_AndTold()
    {
        var reply = await _h.AcceptedAsync("flag checkout new-checkout 30%");

        Assert.Contains("Queued: checkout: flag new-checkout → on for 30% of users (was off; change g", reply.Text, StringComparison.Ordinal);
        Assert.Null(Flag());
        var changeId = Assert.Single(_h.Jobs.FlagChanges);

        await _h.RunFlagJobsAsync();

        Assert.Equal((true, 30), (Flag()!.Enabled, Flag()!.Percentage));
        Assert.Equal(HandlerHarness.Alice.ToString(), Flag()!.ChangedBy);
        var told = _h.Chat.Posts.Last();
        Assert.Equal((HandlerHarness.Releases, ReplyKind.Success), (told.Conversation, told.Reply.Kind));
        Assert.Equal("checkout: flag new-checkout is now on for 30% of users (was off), written to ConfigMap shop/checkout-flags for alice.", told.Reply.Text);
        var card = _h.Chat.Decisions.Last().Card;
        Assert.Equal("flag checkout new-checkout off", Assert.Single(card.Actions).Command);
        Assert.Equal(FlagChangeState.Applied, (await _h.FlagChanges.GetAsync(changeId, CancellationToken.None))!.State);
        Assert.Contains(_h.Audit.Entries, e => e.Command == "flag checkout new-checkout 30%" && e.Outcome == AuditOutcome.Accepted && e.App == "checkout");
        Assert.Contains(_h.Audit.Entries, e => e.Command == $"flag change {changeId}" && e.Outcome == AuditOutcome.Done);
    }

    [Fact]
    public async Task TheConfigMap_SpeaksTheFeatureManagementSchema()
    {
        await ChangeAsync("flag checkout new-checkout 30%");
        await ChangeAsync("flag checkout dark-mode on");

        var json = _h.FlagMaps.Data("shop", "checkout-flags")![FlagDocuments.FeatureManagementKey];
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!["FeatureManagement"]!;
        Assert.True(root["dark-mode"]!.GetValue<bool>());
        var targeting = root["new-checkout"]!["EnabledFor"]![0]!;
        Assert.Equal("Microsoft.Targeting", targeting["Name"]!.GetValue<string>());
        Assert.Equal(30, targeting["Parameters"]!["Audience"]!["DefaultRolloutPercentage"]!.GetValue<int>());
    }

    [Fact]
    public async Task UsersAndGroups_AddToAShare_AndEmptyingTheLastListNeverWidensToEveryone()
    {
        await ChangeAsync("flag checkout new-checkout 10%");
        await ChangeAsync("flag checkout new-checkout users alice,bob");
        await ChangeAsync("flag checkout new-checkout groups beta:50%");

        Assert.Equal("on for 10% of users and users alice, bob and group beta (50%)", FlagEdits.Describe(Flag()!, _h.Time.GetUtcNow()));

        await ChangeAsync("flag checkout new-checkout off");
        await ChangeAsync("flag checkout new-checkout users alice");
        await ChangeAsync("flag checkout new-checkout users none");

        Assert.Equal((true, 0), (Flag()!.Enabled, Flag()!.Percentage));
        Assert.Equal("on for no one (0% of users)", FlagEdits.Describe(Flag()!, _h.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AShareOfRequests_ReplacesTheAudience_AndAShareOfUsersReplacesIt()
    {
        await ChangeAsync("flag checkout new-checkout users alice");
        await ChangeAsync("flag checkout new-checkout 10% of requests");

        Assert.Equal((10, false), (Flag()!.RequestPercentage, Flag()!.HasAudience));
        Assert.Equal("on for 10% of requests (drawn each time)", FlagEdits.Describe(Flag()!, _h.Time.GetUtcNow()));

        await ChangeAsync("flag checkout new-checkout 20%");

        Assert.Equal(((int?)null, 20), (Flag()!.RequestPercentage, Flag()!.Percentage));
    }

    [Fact]
    public async Task On_IsEveryone_AndClearsTheAudience()
    {
        await ChangeAsync("flag checkout new-checkout users alice");
        await ChangeAsync("flag checkout new-checkout on");

        Assert.Equal((true, false), (Flag()!.Enabled, Flag()!.HasAudience));
    }

    [Fact]
    public async Task ForADuration_SetsTheEnd_AndItsTimerTurnsTheFlagOff()
    {
        await ChangeAsync("flag checkout new-checkout 30% for 2h");
        var end = Flag()!.Until!.Value;
        var (changeId, timer, at) = Assert.Single(_h.Jobs.FlagTimers);

        Assert.Equal((FlagTimer.FlagEnd, end), (timer, at));
        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromHours(2), end);

        _h.Time.Advance(TimeSpan.FromHours(2));
        await _h.FlagTimers.RingAsync(changeId, FlagTimer.FlagEnd, CancellationToken.None);

        Assert.False(Flag()!.Enabled);
        Assert.Equal(FlagTimers.Actor, Flag()!.ChangedBy);
        Assert.Contains("checkout: flag new-checkout ended at", _h.Chat.Posts.Last().Reply.Text, StringComparison.Ordinal);
        Assert.Contains(_h.Audit.Entries, e => e.Command == $"flag change {changeId} end");
    }

    [Fact]
    public async Task TheEndTimer_LeavesAFlagChangedSince_Alone()
    {
        await ChangeAsync("flag checkout new-checkout on for 2h");
        var (changeId, _, _) = Assert.Single(_h.Jobs.FlagTimers);
        await ChangeAsync("flag checkout new-checkout 50% for 1d");
        var writes = _h.FlagMaps.Writes;

        _h.Time.Advance(TimeSpan.FromHours(2));
        await _h.FlagTimers.RingAsync(changeId, FlagTimer.FlagEnd, CancellationToken.None);

        Assert.Equal((true, 50), (Flag()!.Enabled, Flag()!.Percentage));
        Assert.Equal(writes, _h.FlagMaps.Writes);
    }

    [Fact]
    public async Task AnEarlyEndTimer_IsSetAgainForTheEnd()
    {
        await ChangeAsync("flag checkout new-checkout on for 2h");
        var (changeId, _, end) = Assert.Single(_h.Jobs.FlagTimers);

        await _h.FlagTimers.RingAsync(changeId, FlagTimer.FlagEnd, CancellationToken.None);

        Assert.True(Flag()!.Enabled);
        Assert.Equal((changeId, FlagTimer.FlagEnd, end), _h.Jobs.FlagTimers[^1]);
    }

    [Fact]
    public async Task ForAlone_EndsAFlagThatIsOn_AndIsRefusedForOneThatIsOff()
    {
        var refused = await _h.SayAsync("flag checkout new-checkout for 1h");
        Assert.Equal(ReplyKind.Refused, refused.Kind);
        Assert.Contains("new-checkout is off, so there is nothing to end", refused.Text, StringComparison.Ordinal);

        await ChangeAsync("flag checkout new-checkout 20%");
        await ChangeAsync("flag checkout new-checkout for 1h");

        Assert.Equal((20, _h.Time.GetUtcNow() + TimeSpan.FromHours(1)), (Flag()!.Percentage, Flag()!.Until));
    }

    [Fact]
    public async Task ASettingWithoutFor_KeepsTheEndSetBefore()
    {
        await ChangeAsync("flag checkout new-checkout 20% for 1h");
        var end = Flag()!.Until;

        await ChangeAsync("flag checkout new-checkout 40%");

        Assert.Equal((40, end), (Flag()!.Percentage, Flag()!.Until));
    }

    [Fact]
    public async Task TheSameState_ChangesNothing()
    {
        await ChangeAsync("flag checkout new-checkout 30%");
        var writes = _h.FlagMaps.Writes;

        var reply = await _h.SayAsync("flag checkout new-checkout 30%");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Equal("checkout: flag new-checkout is already on for 30% of users; nothing changed.", reply.Text);
        Assert.Single(_h.Jobs.FlagChanges);
        Assert.Equal(writes, _h.FlagMaps.Writes);
        Assert.Equal("checkout: flag other is already off; nothing changed.", (await _h.SayAsync("flag checkout other off")).Text);
    }

    [Fact]
    public async Task DryRun_ShowsTheConfigMapsText_AndChangesNothing()
    {
        var reply = await _h.SayAsync("flag checkout new-checkout 30% --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("Dry run of `flag checkout new-checkout 30% --dry-run` — nothing was changed. checkout: flag new-checkout would go from off to on for 30% of users", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\"DefaultRolloutPercentage\":30", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Jobs.FlagChanges);
        Assert.Empty(_h.FlagChanges.All);
        Assert.Null(_h.FlagMaps.Data("shop", "checkout-flags"));
    }

    [Fact]
    public async Task UnknownApp_IsRefused()
    {
        var reply = await _h.SayAsync("flag chekout new-checkout on");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("I don't know the app `chekout`. Did you mean `checkout`?", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Jobs.FlagChanges);
    }

    [Fact]
    public async Task AClusterThatDoesNotAnswer_FailsTheChange_AndSaysWhy()
    {
        await _h.AcceptedAsync("flag checkout new-checkout on");
        _h.FlagMaps.Failure = new ClusterException("ConfigMap shop/checkout-flags: the API server answered 503.");

        await _h.RunFlagJobsAsync();

        var told = _h.Chat.Posts.Last().Reply;
        Assert.Equal(ReplyKind.Failure, told.Kind);
        Assert.Contains("checkout: flag new-checkout was not changed by `flag checkout new-checkout on`", told.Text, StringComparison.Ordinal);
        Assert.Contains("the API server answered 503", told.Text, StringComparison.Ordinal);
        Assert.Equal(FlagChangeState.Failed, Assert.Single(_h.FlagChanges.All).State);
        Assert.Contains(_h.Audit.Entries, e => e.Outcome == AuditOutcome.Failed && e.Command.StartsWith("flag change ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadingFails_TheCommandIsRefused_WithTheClustersSentence()
    {
        _h.FlagMaps.Failure = new ClusterException("ConfigMap shop/checkout-flags: forbidden.");

        var reply = await _h.SayAsync("flag checkout new-checkout on");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("the cluster did not answer as expected: ConfigMap shop/checkout-flags: forbidden. Nothing was changed.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobRunTwice_WritesOnce()
    {
        await ChangeAsync("flag checkout new-checkout on");
        var writes = _h.FlagMaps.Writes;

        await _h.FlagRunner.RunAsync(_h.Jobs.FlagChanges.Single(), CancellationToken.None);

        Assert.Equal(writes, _h.FlagMaps.Writes);
    }

    [Fact]
    public async Task Flags_ListsEachFlagWithWhoAndWhen()
    {
        await ChangeAsync("flag checkout new-checkout 30%");
        await ChangeAsync("flag checkout dark-mode on");

        var reply = await _h.SayAsync("flags checkout");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("checkout flags (ConfigMap shop/checkout-flags):", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• new-checkout: on for 30% of users — set by alice (slack:U1) at 2025-03-01 09:0", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• dark-mode: on for everyone — set by alice (slack:U1)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("cart has no flags yet", (await _h.SayAsync("flags")).Text, StringComparison.Ordinal);
        Assert.Contains("checkout has no flag nope; its flags: new-checkout, dark-mode.", (await _h.SayAsync("flag checkout nope")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ShowsTheFlagsThatAreOn()
    {
        Assert.Contains("\n  flags: none on", (await _h.SayAsync("status checkout")).Text, StringComparison.Ordinal);
        await ChangeAsync("flag checkout new-checkout 30%");
        await ChangeAsync("flag checkout old-menu on");
        await ChangeAsync("flag checkout old-menu off");

        var text = (await _h.SayAsync("status checkout")).Text;

        Assert.Contains("\n  flags on: new-checkout (on for 30% of users)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old-menu", text, StringComparison.Ordinal);
        _h.FlagMaps.Failure = new ClusterException("forbidden");
        Assert.Contains("\n  flags not readable (forbidden)", (await _h.SayAsync("status checkout")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ShowsEachChangeNewestFirst()
    {
        await ChangeAsync("flag checkout new-checkout 30%");
        await ChangeAsync("flag checkout new-checkout on");
        await ChangeAsync("flag checkout other on");

        var reply = await _h.SayAsync("flag checkout new-checkout history");

        var lines = reply.Text.Split('\n');
        Assert.Equal("Changes of flag new-checkout of checkout, newest first:", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("`flag checkout new-checkout on` by alice (slack:U1): written at", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("on for 30% of users → on for everyone", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("off → on for 30% of users", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewer_MayList_ButNotChange()
    {
        var h = new HandlerHarness(policy: new AccessPolicy([new AccessGrant(["slack:U1"], Role.Viewer, [], [])]));

        Assert.Equal(ReplyKind.Info, (await h.SayAsync("flags checkout")).Kind);
        var refused = await h.SayAsync("flag checkout new-checkout on");

        Assert.Equal(ReplyKind.Refused, refused.Kind);
        Assert.Contains("`flag` needs the deployer role", refused.Text, StringComparison.Ordinal);
        Assert.Empty(h.Jobs.FlagChanges);
        Assert.Contains(h.Audit.Entries, e => e.Command == "flag checkout new-checkout on" && e.Outcome == AuditOutcome.Refused);
    }

    [Fact]
    public async Task AFreeze_RefusesAFlagChange_ButNotTurningItOff()
    {
        await ChangeAsync("flag checkout new-checkout on");
        await _h.AcceptedAsync("freeze checkout incident 4711");

        var refused = await _h.SayAsync("flag checkout new-checkout 50%");
        var off = await _h.AcceptedAsync("flag checkout new-checkout off");
        await _h.RunFlagJobsAsync();

        Assert.Equal(ReplyKind.Refused, refused.Kind);
        Assert.Contains("frozen", refused.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Queued", off.Text, StringComparison.Ordinal);
        Assert.False(Flag()!.Enabled);
    }
}

using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Access;

public sealed class AccessTests
{
    private static readonly Actor Viewer = new("slack", "U10", "vic");
    private static readonly Actor Deployer = new("slack", "U11", "dee");
    private static readonly Actor Approver = new("slack", "U12", "ann");
    private static readonly Actor Admin = new("slack", "U13", "ada");
    private static readonly Actor StagingOnly = new("slack", "U14", "stu");
    private static readonly Actor GroupMember = new("slack", "U15", "gus");
    private static readonly Actor Stranger = new("teams", "aad-1", "tom");

    private readonly HandlerHarness _h = new(policy: new AccessPolicy(
    [
        new AccessGrant(["slack:U10"], Role.Viewer, [], []),
        new AccessGrant(["slack:U11"], Role.Deployer, [], []),
        new AccessGrant(["slack:U12"], Role.Approver, [], []),
        new AccessGrant(["slack:U13", "slack:U1"], Role.Admin, [], []),
        new AccessGrant(["slack:U14"], Role.Deployer, [], ["staging"]),
        new AccessGrant(["slack-group:S1"], Role.Deployer, ["checkout"], []),
        new AccessGrant(["slack-group:S-broken"], Role.Admin, [], []),
    ]));

    public AccessTests()
    {
        _h.Groups.Groups["S1"] = ["U15"];
        _h.Groups.Broken.Add("S-broken");
    }

    public static TheoryData<string, Role> EveryVerb => new()
    {
        { "status", Role.Viewer },
        { "status checkout", Role.Viewer },
        { "history checkout", Role.Viewer },
        { "plan checkout", Role.Viewer },
        { "compare checkout", Role.Viewer },
        { "schedule list", Role.Viewer },
        { "freeze", Role.Viewer },
        { "deploy checkout v2.4.0", Role.Deployer },
        { "promote checkout 25%", Role.Deployer },
        { "promote canary next", Role.Deployer },
        { "route checkout header X-Canary=testers", Role.Deployer },
        { "pause checkout", Role.Deployer },
        { "resume checkout", Role.Deployer },
        { "rollback checkout", Role.Deployer },
        { "request approval checkout", Role.Deployer },
        { "schedule promote checkout next in 1h", Role.Deployer },
        { "schedule cancel s1b2c3", Role.Deployer },
        { "veto s1b2c3", Role.Deployer },
        { "postpone s1b2c3 30m", Role.Deployer },
        { "freeze checkout", Role.Deployer },
        { "approve a1b2c3", Role.Approver },
        { "reject a1b2c3", Role.Approver },
        { "freeze all", Role.Admin },
        { "unfreeze checkout", Role.Admin },
        { "unfreeze all", Role.Admin },
    };

    private static Actor Holding(Role role) => role switch
    {
        Role.Viewer => Viewer,
        Role.Deployer => Deployer,
        Role.Approver => Approver,
        _ => Admin,
    };

    [Theory]
    [MemberData(nameof(EveryVerb))]
    public async Task EveryVerb_BelowItsRole_IsRefusedWithTheRoleNeeded_AndAudited(string text, Role needed)
    {
        var before = _h.Store.All.Count;
        var below = needed == Role.Viewer ? Stranger : Holding(needed - 1);

        var reply = await _h.SayAsync(text, who: below);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains($"needs the {needed.ToString().ToLowerInvariant()} role", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", reply.Text, StringComparison.Ordinal);
        var entry = _h.Audit.Entries[^1];
        Assert.Equal((AuditOutcome.Refused, text), (entry.Outcome, entry.Command));
        Assert.Contains(below.Id, entry.Actor, StringComparison.Ordinal);
        Assert.Equal(before, _h.Store.All.Count);
        Assert.Empty(_h.Jobs.Enqueued);
    }

    [Theory]
    [MemberData(nameof(EveryVerb))]
    public async Task EveryVerb_AtItsRole_PassesTheAccessCheck(string text, Role needed)
    {
        var reply = await _h.SayAsync(text, who: Holding(needed));

        Assert.DoesNotContain(" role ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NeedsNoRole()
    {
        Assert.Equal(ReplyKind.Info, (await _h.SayAsync("help", who: Stranger)).Kind);
    }

    [Fact]
    public async Task AGrantForAnotherEnvironment_DoesNotCoverThisApp()
    {
        var reply = await _h.SayAsync("deploy checkout v2.4.0", who: StagingOnly);

        Assert.Contains("needs the deployer role for checkout (prod)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("you have no role there", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupGrant_CoversItsMembers_ForItsAppsOnly()
    {
        Assert.Equal(ReplyKind.Accepted, (await _h.SayAsync("deploy checkout v2.4.0", who: GroupMember)).Kind);
        Assert.Contains("needs the deployer role for cart", (await _h.SayAsync("deploy cart v1.1.0", who: GroupMember)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupThatCannotBeRead_GrantsNothing()
    {
        Assert.Equal(Role.None, await _h.Access.RoleOfAsync(new Actor("slack", "U99", "who"), null, default));
    }

    [Fact]
    public async Task AButtonClick_IsCheckedLikeTypedText()
    {
        var release = await _h.DeployCheckoutAsync();
        var click = new ChatRequest("rollback checkout", Viewer, HandlerHarness.Releases) { Guard = new CardGuard(release.Id, _h.Checkout.Revision) };

        var result = await _h.RequestAsync(click);

        Assert.Contains("needs the deployer role", result.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Canary, _h.Checkout.State);
    }

    [Fact]
    public async Task ACanaryTarget_IsCheckedForTheAppItResolvesTo()
    {
        await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("promote canary 25%", who: StagingOnly);

        Assert.Contains("for checkout (prod)", reply.Text, StringComparison.Ordinal);
    }
}

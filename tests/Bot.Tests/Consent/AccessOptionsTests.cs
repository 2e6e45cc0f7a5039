using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Commands.Access;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Consent;

public sealed class AccessOptionsTests
{
    [Fact]
    public void Grants_BecomeThePolicy_RolesInAnyCase_PlatformsInLowerCase_BlankEntriesLeftOut()
    {
        var policy = ConsentConfig.Resolve<AccessPolicy>(new()
        {
            ["Access:Grants:0:Who:0"] = "Slack:U024BE7LH",
            ["Access:Grants:0:Who:1"] = "slack-group:S0614TZR7",
            ["Access:Grants:0:Role"] = "Approver",
            ["Access:Grants:0:Apps:0"] = "checkout",
            ["Access:Grants:0:Apps:1"] = " ",
            ["Access:Grants:0:Environments:0"] = "production",
            ["Access:Grants:1:Who:0"] = "*",
            ["Access:Grants:1:Role"] = "VIEWER",
        });

        Assert.Equal(2, policy.Grants.Count);
        var approver = policy.Grants[0];
        Assert.Equal(["slack:U024BE7LH", "slack-group:S0614TZR7"], approver.Who);
        Assert.Equal(Role.Approver, approver.Role);
        Assert.Equal(["checkout"], approver.Apps);
        Assert.Equal(["production"], approver.Environments);
        Assert.Equal((Role.Viewer, 0, 0), (policy.Grants[1].Role, policy.Grants[1].Apps.Count, policy.Grants[1].Environments.Count));
        Assert.True(policy.Grants[1].CoversApp("payments", "staging"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("console:*")]
    [InlineData("console:alice")]
    [InlineData("slack:U024BE7LH")]
    [InlineData("teams:*")]
    [InlineData("teams:00000000-0000-0000-0000-000000000001")]
    [InlineData("slack-group:S0614TZR7")]
    [InlineData("SLACK:U1")]
    public void AWellFormedIdentity_IsAccepted(string identity)
    {
        Assert.Empty(ConsentConfig.Problems<AccessOptions>(Grant(identity, "admin")));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("slack:")]
    [InlineData(":U1")]
    [InlineData("discord:U1")]
    [InlineData("slack:U 1")]
    [InlineData("slack-group:*")]
    [InlineData("**")]
    public void AMalformedIdentity_IsAProblem(string identity)
    {
        Assert.Equal(
            [$"Access:Grants:0:Who '{identity}' is not an identity; write *, <platform>:<user id>, <platform>:* or slack-group:<group id>, with platform console, slack, teams."],
            ConsentConfig.Problems<AccessOptions>(Grant(identity, "admin")));
    }

    [Theory]
    [InlineData("teams-group:release-managers", "teams")]
    [InlineData("Console-Group:ops", "console")]
    public void AGroupOfAPlatformWithoutGroups_IsAProblem(string identity, string platform)
    {
        Assert.Equal(
            [$"Access:Grants:0:Who '{identity}' names a group of {platform}, whose groups the bot cannot read; only slack-group:<group id> is supported."],
            ConsentConfig.Problems<AccessOptions>(Grant(identity, "admin")));
    }

    [Fact]
    public void NoGrantsAtAll_IsAProblem_BecauseNobodyCouldDoAnything()
    {
        Assert.Equal(
            ["Access:Grants is empty, so nobody could do anything; grant at least one role (e.g. Who: [\"console:*\"], Role: admin)."],
            ConsentConfig.Problems<AccessOptions>([]));
    }

    [Fact]
    public void AGrantForNobody_IsAProblem()
    {
        Assert.Equal(
            ["Access:Grants:0:Who is empty; name who the grant is for (slack:U024BE7LH, slack-group:S0614TZR7, teams:*, console:* or *)."],
            ConsentConfig.Problems<AccessOptions>(new() { ["Access:Grants:0:Role"] = "admin", ["Access:Grants:0:Apps:0"] = "checkout" }));
    }

    [Theory]
    [InlineData("boss")]
    [InlineData("none")]
    [InlineData("4")]
    [InlineData(null)]
    public void AnUnknownRole_IsAProblem(string? role)
    {
        Assert.Equal(
            [$"Access:Grants:0:Role '{role}' is not a role; roles: viewer, deployer, approver, admin."],
            ConsentConfig.Problems<AccessOptions>(Grant("console:*", role)));
    }

    [Fact]
    public void AnAppThatIsNotConfigured_IsAProblem_WhileStarAndConfiguredAppsInAnyCaseAreNot()
    {
        var values = Grant("console:*", "deployer");
        values["Access:Grants:0:Apps:0"] = "Checkout";
        values["Access:Grants:0:Apps:1"] = "*";
        values["Access:Grants:0:Apps:2"] = "cart";

        Assert.Equal(
            ["Access:Grants:0:Apps names the app 'cart', which is not configured; apps: checkout, payments (or * for every app)."],
            ConsentConfig.Problems<AccessOptions>(values));
    }

    [Fact]
    public void EveryProblemOfEveryGrant_IsReportedAtOnce()
    {
        var problems = ConsentConfig.Problems<AccessOptions>(new()
        {
            ["Access:Grants:0:Who:0"] = "alice",
            ["Access:Grants:0:Who:1"] = "teams-group:x",
            ["Access:Grants:0:Role"] = "boss",
            ["Access:Grants:1:Role"] = "admin",
            ["Access:Grants:1:Apps:0"] = "cart",
        });

        Assert.Equal(5, problems.Count);
        Assert.Equal(3, problems.Count(p => p.StartsWith("Access:Grants:0:", StringComparison.Ordinal)));
        Assert.Equal(2, problems.Count(p => p.StartsWith("Access:Grants:1:", StringComparison.Ordinal)));
    }

    private static Dictionary<string, string?> Grant(string who, string? role) => new()
    {
        ["Access:Grants:0:Who:0"] = who,
        ["Access:Grants:0:Role"] = role,
    };
}

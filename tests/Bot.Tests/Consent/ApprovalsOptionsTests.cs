using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Commands.Consent;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Consent;

public sealed class ApprovalsOptionsTests
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public void WithoutTheSection_OneApproverWithinTwoHours_AndProductionHasTheTwoPersonRule()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>([]);

        Assert.Equal(new ApprovalRules(false, 1, TwoHours), settings.Default);
        Assert.Equal(new ApprovalRules(true, 1, TwoHours), settings.RulesFor("production"));
        Assert.Equal(new ApprovalRules(true, 1, TwoHours), settings.RulesFor("Production"));
        Assert.Equal(settings.Default, settings.RulesFor("staging"));
    }

    [Fact]
    public void AnEnvironment_TakesWhatItLeavesOutFromTheTopLevel_AndProductionKeepsItsRuleWhenNotNamed()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>(new()
        {
            ["Approvals:Expiry"] = "00:30:00",
            ["Approvals:Quorum"] = "2",
            ["Approvals:Environments:staging:Quorum"] = "1",
            ["Approvals:Environments:payments-eu:TwoPersonRule"] = "true",
            ["Approvals:Environments:payments-eu:Expiry"] = "04:00:00",
        });

        var half = TimeSpan.FromMinutes(30);
        Assert.Equal(new ApprovalRules(false, 2, half), settings.Default);
        Assert.Equal(new ApprovalRules(false, 1, half), settings.RulesFor("staging"));
        Assert.Equal(new ApprovalRules(true, 2, TimeSpan.FromHours(4)), settings.RulesFor("payments-eu"));
        Assert.Equal(new ApprovalRules(true, 2, half), settings.RulesFor("production"));
    }

    [Fact]
    public void Production_ConfiguredWithoutTheTwoPersonRule_DoesWithoutIt()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>(new() { ["Approvals:Environments:Production:TwoPersonRule"] = "false" });

        Assert.Equal(new ApprovalRules(false, 1, TwoHours), settings.RulesFor("production"));
    }

    [Fact]
    public void TheTopLevelTwoPersonRule_HoldsEverywhereNotConfiguredOtherwise()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>(new()
        {
            ["Approvals:TwoPersonRule"] = "true",
            ["Approvals:Environments:sandbox:TwoPersonRule"] = "false",
        });

        Assert.True(settings.RulesFor("staging").TwoPersonRule);
        Assert.True(settings.RulesFor("production").TwoPersonRule);
        Assert.False(settings.RulesFor("sandbox").TwoPersonRule);
    }

    [Theory]
    [InlineData("Approvals:Quorum", "0", "Approvals:Quorum is 0; it must be between 1 and 10 approvers.")]
    [InlineData("Approvals:Quorum", "11", "Approvals:Quorum is 11; it must be between 1 and 10 approvers.")]
    [InlineData("Approvals:Expiry", "00:00:30", "Approvals:Expiry is 00:00:30; it must be between 1 minute and 7 days.")]
    [InlineData("Approvals:Expiry", "8.00:00:00", "Approvals:Expiry is 8.00:00:00; it must be between 1 minute and 7 days.")]
    [InlineData("Approvals:Environments:production:Quorum", "0", "Approvals:Environments:production:Quorum is 0; it must be between 1 and 10 approvers.")]
    [InlineData("Approvals:Environments:staging:Expiry", "00:00:00", "Approvals:Environments:staging:Expiry is 00:00:00; it must be between 1 minute and 7 days.")]
    [InlineData("Approvals:Expiry", "soon", "Failed to convert configuration value 'soon' at 'Approvals:Expiry' to type 'System.TimeSpan'.")]
    public void AValueOutOfRange_IsAProblemNamingTheSetting(string key, string value, string expected)
    {
        Assert.Equal([expected], ConsentConfig.Problems<ApprovalsOptions>(new() { [key] = value }));
    }

    [Fact]
    public void TheEdgesOfTheRanges_AreAccepted()
    {
        Assert.Empty(ConsentConfig.Problems<ApprovalsOptions>(new()
        {
            ["Approvals:Quorum"] = "10",
            ["Approvals:Expiry"] = "7.00:00:00",
            ["Approvals:Environments:staging:Quorum"] = "1",
            ["Approvals:Environments:staging:Expiry"] = "00:01:00",
        }));
    }
}

using ChatOpsRelease.Commands.Flags;

namespace ChatOpsRelease.Commands.Tests.Flags;

public sealed class FlagDocumentsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void EveryField_SurvivesARoundTrip()
    {
        var flag = new FeatureFlag
        {
            Name = "new-checkout", Enabled = true, Percentage = 30, RequestPercentage = 5, Users = ["alice", "bob@example.com"],
            Groups = [new FlagGroup("beta"), new FlagGroup("staff", 50)], Until = At.AddHours(2), ChangedBy = "alice (slack:U1)", ChangedAt = At,
        };
        var set = new FlagSet([flag, FeatureFlag.Off("dark-mode") with { ChangedAt = At }]);

        var back = FlagDocuments.Parse(FlagDocuments.Render("demo", set));

        Assert.True(back.Find("NEW-CHECKOUT")!.SameStateAs(flag));
        Assert.Equal((flag.ChangedBy, flag.ChangedAt), (back.Find("new-checkout")!.ChangedBy, back.Find("new-checkout")!.ChangedAt));
        Assert.False(back.Find("dark-mode")!.Enabled);
        Assert.Equal(["new-checkout", "dark-mode"], back.Flags.Select(f => f.Name));
    }

    [Fact]
    public void TheFeatureManagementSchema_IsTrueFalseOrFilters()
    {
        Assert.Equal("false", FlagDocuments.RenderFeatureManagement(FeatureFlag.Off("x")).ToJsonString());
        Assert.Equal("true", FlagDocuments.RenderFeatureManagement(new FeatureFlag { Name = "x", Enabled = true }).ToJsonString());
        Assert.Equal(
            """{"RequirementType":"All","EnabledFor":[{"Name":"Microsoft.Percentage","Parameters":{"Value":10}}]}""",
            FlagDocuments.RenderFeatureManagement(new FeatureFlag { Name = "x", Enabled = true, RequestPercentage = 10 }).ToJsonString());
        Assert.Equal(
            """{"RequirementType":"All","EnabledFor":[{"Name":"Microsoft.TimeWindow","Parameters":{"End":"Fri, 27 Nov 2026 09:30:00 GMT"}}]}""",
            FlagDocuments.RenderFeatureManagement(new FeatureFlag { Name = "x", Enabled = true, Until = At }).ToJsonString());
        Assert.Equal(
            """{"RequirementType":"All","EnabledFor":[{"Name":"Microsoft.Targeting","Parameters":{"Audience":{"Users":["alice"],"Groups":[{"Name":"beta","RolloutPercentage":50}],"DefaultRolloutPercentage":0}}}]}""",
            FlagDocuments.RenderFeatureManagement(new FeatureFlag { Name = "x", Enabled = true, Users = ["alice"], Groups = [new FlagGroup("beta", 50)] }).ToJsonString());
    }

    [Fact]
    public void NoDataOrNoKey_IsNoFlags()
    {
        Assert.Empty(FlagDocuments.Parse(null).Flags);
        Assert.Empty(FlagDocuments.Parse(new Dictionary<string, string> { ["other"] = "x" }).Flags);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"flags": {"x": 3}}""")]
    [InlineData("""{"flags": {"x": {"enabled": "yes"}}}""")]
    [InlineData("""{"flags": {"x": {"enabled": true, "groups": [{"percentage": 5}]}}}""")]
    [InlineData("""{"flags": {"x": {"enabled": true, "users": [null]}}}""")]
    [InlineData("""{"flags": {"x": {"enabled": true, "until": "soon"}}}""")]
    public void UnreadableContent_IsAFormatException(string json)
    {
        Assert.Throws<FormatException>(() => FlagDocuments.Parse(new Dictionary<string, string> { [FlagDocuments.PlainKey] = json }));
    }
}

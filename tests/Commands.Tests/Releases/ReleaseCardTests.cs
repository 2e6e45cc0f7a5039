using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class ReleaseCardTests
{
    private static readonly int[] Ladder = [5, 20, 50];
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ReleaseState.Canary, 0, "promote-next,promote-full,pause,rollback")]
    [InlineData(ReleaseState.Canary, 50, "promote-full,pause,rollback")]
    [InlineData(ReleaseState.Paused, 20, "resume,rollback")]
    [InlineData(ReleaseState.Failed, 20, "rollback")]
    [InlineData(ReleaseState.Completing, 20, "")]
    [InlineData(ReleaseState.RollingBack, 20, "")]
    [InlineData(ReleaseState.Completed, 100, "")]
    [InlineData(ReleaseState.RolledBack, 0, "")]
    public void Buttons_OfferTheNextDecisionsOfTheState(ReleaseState state, int weight, string expected)
    {
        var release = Release();
        (release.State, release.RequestedWeight, release.EffectiveWeight) = (state, weight, weight);

        var card = ReleaseCard.For(release, Ladder);

        Assert.Equal(expected, string.Join(',', card.Actions.Select(a => a.Id)));
    }

    [Theory]
    [InlineData(-1, "Next: edge (header X-Canary: testers)")]
    [InlineData(0, "Promote to 5%")]
    [InlineData(3, null)]
    public void TheNextButton_SaysWhatTheReleasesPlanDoesNext(int planIndex, string? expected)
    {
        var release = Release();
        release.Plan = DefaultPlans.Create(Ladder).Single(p => p.Name == DefaultPlans.EdgeFirst);
        release.PlanIndex = planIndex;
        release.RequestedWeight = planIndex >= 1 ? release.Plan.Steps[planIndex].Weight!.Value : 0;
        if (planIndex >= 0)
        {
            release.Rules.Add(release.Plan.Steps[0].Rule!.Copy());
        }

        var card = ReleaseCard.For(release, Ladder);

        Assert.Equal(expected, card.Actions.SingleOrDefault(a => a.Id == "promote-next")?.Label);
    }

    [Fact]
    public void DangerousButtons_AskForConfirmation()
    {
        var card = ReleaseCard.For(Release(), Ladder);

        var rollback = card.Actions.Single(a => a.Id == "rollback");
        var full = card.Actions.Single(a => a.Id == "promote-full");
        Assert.Equal((CardActionStyle.Danger, "rollback checkout"), (rollback.Style, rollback.Command));
        Assert.Equal("Roll back checkout?", rollback.Confirm?.Title);
        Assert.Contains("v1", rollback.Confirm!.Text, StringComparison.Ordinal);
        Assert.NotNull(full.Confirm);
        Assert.Null(card.Actions.Single(a => a.Id == "pause").Confirm);
    }

    [Fact]
    public void Fields_TellWhereTheReleaseStands()
    {
        var release = Release();
        (release.RequestedWeight, release.EffectiveWeight) = (20, 25);
        release.Steps[0].Status = StepStatus.Applied;
        release.Steps.Add(new ReleaseStep { Id = "x-2", Kind = StepKind.SetWeight, Weight = 50, Status = StepStatus.Running });

        var card = ReleaseCard.For(release, Ladder);

        Assert.Equal(
            ["App: checkout (shop)", "Cluster: sandbox", "Version: v1 → v2", "Traffic: 25% to the canary (requested 20%)",
             "State: running as a canary; now: send 50% of traffic to the canary", "Started by: console:me"],
            card.Fields.Select(f => $"{f.Label}: {f.Value}"));
        Assert.Equal($"Release {release.Id} · started 2026-11-26 10:00:00Z · updated 2026-11-26 10:00:00Z", card.Context);
    }

    [Fact]
    public void Fields_ListTheUserRulesAfterTheTraffic_WhenThereAreAny()
    {
        var release = Release();
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers", ExpiresAt = Now.AddHours(2) });
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Cookie, Name = "canary" });

        var card = ReleaseCard.For(release, Ladder);

        Assert.Equal(["App", "Cluster", "Version", "Traffic", "Users", "State", "Started by"], card.Fields.Select(f => f.Label));
        Assert.Equal("header X-Canary: testers until 2026-11-26 12:00:00Z; cookie canary=always", card.Fields[4].Value);
    }

    [Fact]
    public void Fields_HaveNoUsersLine_WithoutRules()
    {
        Assert.DoesNotContain(ReleaseCard.For(Release(), Ladder).Fields, f => f.Label == "Users");
    }

    [Fact]
    public void Revision_GrowsWithDecisionsAndOutcomes_NotWithAStepStarting()
    {
        var release = Release();
        var start = release.Revision;
        var step = release.Accept(ReleaseTrigger.SetWeight, 20, "me", release.Conversation, Now)!;
        var afterAccept = release.Revision;
        release.MarkRunning(step.Id, Now);
        var afterRunning = release.Revision;
        release.MarkApplied(step.Id, 25, "ok", Now);

        Assert.Equal((start + 1, afterAccept, afterAccept + 1), (afterAccept, afterRunning, release.Revision));
    }

    private static Release Release() => Commands.Releases.Release.Start(
        new NewRelease("checkout", "sandbox", "shop", "v1", "v2", "r/checkout:v1", "r/checkout:v2", 4, "console:me", new ConversationRef("console", "terminal")),
        Now);
}

namespace ChatOpsRelease.Commands.Releases;

public sealed record CardField(string Label, string Value);

public enum CardActionStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>The "are you sure?" a dangerous button asks before it acts.</summary>
public sealed record CardConfirm(string Title, string Text, string Confirm, string Deny);

/// <summary>A button: pressing it is the same as typing <see cref="Command"/>.</summary>
public sealed record CardAction(string Id, string Label, string Command, CardActionStyle Style, CardConfirm? Confirm = null);

/// <summary>
/// A release's status card, platform-neutral: what each chat adapter draws at the top of the release's thread
/// and redraws as the release moves. Its buttons carry <see cref="Revision"/>, so a click on an old card is refused.
/// </summary>
public sealed record ReleaseCard(
    string ReleaseId,
    int Revision,
    string Title,
    IReadOnlyList<CardField> Fields,
    string Context,
    IReadOnlyList<CardAction> Actions)
{
    public static ReleaseCard For(Release release, IReadOnlyList<int> ladder)
    {
        ArgumentNullException.ThrowIfNull(release);
        var weight = release.Strategy == ReleaseStrategy.BlueGreen
            ? release.ColoursText()
            : release.EffectiveWeight == release.RequestedWeight
                ? $"{release.EffectiveWeight}% to the canary"
                : $"{release.EffectiveWeight}% to the canary (requested {release.RequestedWeight}%)";
        var running = release.Steps.FirstOrDefault(s => s.IsOpen);
        var fields = new List<CardField>
        {
            new("App", $"{release.App} ({release.Namespace})"),
            new("Cluster", release.Cluster),
            new("Version", $"{release.FromVersion} → {release.ToVersion}"),
            new("Traffic", weight),
        };
        if (release.Rules.Count > 0)
        {
            fields.Add(new("Users", string.Join("; ", release.Rules.Select(r =>
                r.Describe() + (r.ExpiresAt is { } end ? $" until {Handlers.Texts.Time(end)}" : string.Empty)))));
        }

        fields.AddRange(
        [
            new("State", running is null ? ReleaseRules.Describe(release.State) : $"{ReleaseRules.Describe(release.State)}; now: {running.Describe()}"),
            new("Started by", release.RequestedBy),
        ]);
        var context = $"Release {release.Id} · started {Handlers.Texts.Time(release.CreatedAt)} · updated {Handlers.Texts.Time(release.UpdatedAt)}";
        return new ReleaseCard(release.Id, release.Revision, $"Release {release.App} {release.ToVersion}", fields, context, NextDecisions(release, ladder));
    }

    private static List<CardAction> NextDecisions(Release release, IReadOnlyList<int> ladder)
    {
        var app = release.App;
        var rollback = new CardAction("rollback", release.IsSwitched ? "Switch back" : "Roll back", $"rollback {app}", CardActionStyle.Danger,
            new CardConfirm($"Roll back {app}?", $"Everyone goes back to {release.FromVersion} and the {(release.Strategy == ReleaseStrategy.BlueGreen ? "new colour" : "canary")} is removed.",
                "Roll back", "Cancel"));
        if (release.Strategy == ReleaseStrategy.BlueGreen && release.State == ReleaseState.Canary)
        {
            return release.IsSwitched || release.HasOpenSteps
                ? [rollback]
                :
                [
                    new CardAction("switch", "Switch everyone", $"switch {app}", CardActionStyle.Primary,
                        new CardConfirm($"Switch {app} to {release.ToVersion}?", $"All traffic moves to {release.ToVersion} at once; {release.FromVersion} stays up for a while.", "Switch", "Cancel")),
                    new CardAction("pause", "Pause", $"pause {app}", CardActionStyle.Default),
                    rollback,
                ];
        }

        switch (release.State)
        {
            case ReleaseState.Canary:
                var actions = new List<CardAction>();
                if (NextLabel(release, ladder) is { } label)
                {
                    actions.Add(new CardAction("promote-next", label, $"promote {app} next", CardActionStyle.Primary));
                }

                actions.Add(new CardAction("promote-full", "Promote to everyone", $"promote {app} full",
                    actions.Count == 0 ? CardActionStyle.Primary : CardActionStyle.Default,
                    new CardConfirm($"Promote {app} {release.ToVersion} to everyone?", $"{release.ToVersion} becomes the stable version on all pods and the canary is removed.", "Promote", "Cancel")));
                actions.Add(new CardAction("pause", "Pause", $"pause {app}", CardActionStyle.Default));
                actions.Add(rollback);
                return actions;
            case ReleaseState.Paused:
                return [new CardAction("resume", "Resume", $"resume {app}", CardActionStyle.Primary), rollback];
            case ReleaseState.Failed:
                return [rollback];
            default:
                return [];
        }
    }

    /// <summary>
    /// What <c>promote … next</c> does now, as a button label: the plan's next step (a weight, or its rule), or the
    /// ladder's next weight for a release without a plan. None when the next step is everyone — "Promote to everyone" is that.
    /// </summary>
    private static string? NextLabel(Release release, IReadOnlyList<int> ladder)
    {
        if (release.Plan is null)
        {
            return ReleaseRules.NextWeight(release, ladder).Weight is { } weight ? $"Promote to {weight}%" : null;
        }

        return release.NextPlanStep() switch
        {
            null or { Step.IsFull: true } => null,
            { Step.Rule: { } rule } next => $"Next: {next.Step.Name} ({rule.Describe()})",
            { } next => $"Promote to {next.Step.Weight}%",
        };
    }
}

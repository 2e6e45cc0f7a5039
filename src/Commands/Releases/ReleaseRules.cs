namespace ChatOpsRelease.Commands.Releases;

/// <summary>The answer to "may this happen now?": the next state, or a sentence saying why not.</summary>
public sealed record Transition(bool Allowed, ReleaseState Next, string? Refusal)
{
    public static Transition To(ReleaseState next) => new(true, next, null);

    public static Transition Refuse(ReleaseState current, string refusal) => new(false, current, refusal);
}

/// <summary>
/// The release state machine: every transition, and every refusal with its reason, in one place.
/// </summary>
public static class ReleaseRules
{
    public static Transition Decide(Release release, ReleaseTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(release);
        var state = release.State;
        var name = $"{release.App}'s release {release.ToVersion}";
        return (state, trigger) switch
        {
            (ReleaseState.Completed or ReleaseState.RolledBack, ReleaseTrigger.StepFailed) => Transition.To(state),
            (_, ReleaseTrigger.StepFailed) => Transition.To(ReleaseState.Failed),
            (_, ReleaseTrigger.StepApplied) => Transition.To(state),

            (ReleaseState.Completed, _) => Transition.Refuse(state,
                $"{name} is complete: {release.ToVersion} is already the stable version. Start a new release with `deploy {release.App} <version>`."),
            (ReleaseState.RolledBack, _) => Transition.Refuse(state,
                $"{name} was rolled back; {release.FromVersion} serves everyone. Start again with `deploy {release.App} <version>`."),
            (ReleaseState.Completing, _) => Transition.Refuse(state,
                $"{name} is being promoted to everyone; wait for that to finish (`status {release.App}`)."),
            (ReleaseState.RollingBack, _) => Transition.Refuse(state,
                $"{name} is being rolled back; wait for that to finish (`status {release.App}`)."),

            (ReleaseState.Canary, ReleaseTrigger.Switch) when release.SwitchedAt is not null || release.Steps.Any(s => s.Kind == StepKind.Switch && s.IsOpen) =>
                Transition.Refuse(state, $"{name} has switched already: {release.ToVersion} takes all traffic. `rollback {release.App}` switches back."),
            (ReleaseState.Canary, ReleaseTrigger.Switch) => Transition.To(ReleaseState.Canary),
            (ReleaseState.Canary, ReleaseTrigger.SetWeight) => Transition.To(ReleaseState.Canary),
            (ReleaseState.Canary, ReleaseTrigger.Full) => Transition.To(ReleaseState.Completing),
            (ReleaseState.Canary, ReleaseTrigger.Pause) when release.IsSwitched => Transition.Refuse(state,
                $"{name} has switched: {release.ToVersion} serves everyone and the old colour is retired "
                + $"{(release.KeepOldUntil is { } end ? $"at {Handlers.Texts.Time(end)}" : "soon")}. There is nothing to hold; `rollback {release.App}` switches back."),
            (ReleaseState.Canary, ReleaseTrigger.Pause) => Transition.To(ReleaseState.Paused),
            (ReleaseState.Canary, ReleaseTrigger.Resume) => Transition.Refuse(state, $"{name} is not paused."),
            (ReleaseState.Canary or ReleaseState.Paused or ReleaseState.Failed, ReleaseTrigger.Rollback) => Transition.To(ReleaseState.RollingBack),

            (ReleaseState.Canary, ReleaseTrigger.SetRoute or ReleaseTrigger.ClearRoute) => Transition.To(ReleaseState.Canary),

            // Taking users away from the canary is always safe, so a paused release may still clear its rules.
            (ReleaseState.Paused, ReleaseTrigger.ClearRoute) => Transition.To(ReleaseState.Paused),
            (ReleaseState.Paused, ReleaseTrigger.SetRoute) => Transition.Refuse(state,
                $"{name} is paused, so no more users are sent to the canary. Say `resume {release.App}` before routing testers to it "
                + $"(`route {release.App} clear` still works)."),
            (ReleaseState.Paused, ReleaseTrigger.Resume) => Transition.To(ReleaseState.Canary),
            (ReleaseState.Paused, ReleaseTrigger.Pause) => Transition.Refuse(state, $"{name} is already paused."),
            (ReleaseState.Paused, _) => Transition.Refuse(state,
                $"{name} is paused. Say `resume {release.App}` before {(release.Strategy == ReleaseStrategy.BlueGreen ? "switching" : "promoting")}, or `rollback {release.App}`."),

            (ReleaseState.Failed, _) => Transition.Refuse(state,
                $"{name} failed ({LastFailure(release)}). The only way on is `rollback {release.App}`."),

            _ => Transition.Refuse(state, $"{name} cannot do that while {Describe(state)}."),
        };
    }

    /// <summary>The state after a step reached the cluster.</summary>
    public static ReleaseState AfterStep(Release release, StepKind kind)
    {
        ArgumentNullException.ThrowIfNull(release);
        return kind switch
        {
            StepKind.Full => ReleaseState.Completed,
            StepKind.Rollback => ReleaseState.RolledBack,
            _ => Decide(release, ReleaseTrigger.StepApplied).Next,
        };
    }

    /// <summary>
    /// Checks a new weight against the one asked for before. Lowering the weight sends users back to the
    /// stable version and is allowed only with <c>--force</c>; asking for the current weight changes nothing.
    /// </summary>
    public static string? CheckWeight(Release release, int weight, bool force)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (weight == release.RequestedWeight)
        {
            return $"{release.App}'s canary is already at {weight}% — nothing to change.";
        }

        if (weight < release.RequestedWeight && !force)
        {
            return $"{release.App}'s canary is at {release.RequestedWeight}%; lowering it to {weight}% needs `--force` "
                + $"(or `rollback {release.App}` to send everyone back to {release.FromVersion}).";
        }

        return null;
    }

    /// <summary>
    /// Checks a rule change against the rules asked for before: asking for exactly the rules already in force (or
    /// clearing when there are none) changes nothing. <paramref name="rule"/> null means clear.
    /// </summary>
    public static string? CheckRoute(Release release, RouteRule? rule)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (rule is null)
        {
            return release.Rules.Count == 0 ? $"{release.App}'s canary has no user rules — nothing to clear." : null;
        }

        var same = release.Rules.FirstOrDefault(r => r.IsSameRuleAs(rule) && r.Value == rule.Value && r.ExpiresAt == rule.ExpiresAt);
        return same is null
            ? null
            : $"{release.App}'s canary already takes requests with {same.Describe()}"
                + (same.ExpiresAt is { } end ? $" until {Handlers.Texts.Time(end)}" : string.Empty) + " — nothing to change.";
    }

    /// <summary>The next weight of the ladder above the one asked for, or a refusal at the top.</summary>
    public static (int? Weight, string? Refusal) NextWeight(Release release, IReadOnlyList<int> ladder)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(ladder);
        foreach (var weight in ladder)
        {
            if (weight > release.RequestedWeight)
            {
                return (weight, null);
            }
        }

        return (null, $"{release.App}'s canary is at {release.RequestedWeight}%, the last step of the ladder "
            + $"({string.Join(" → ", ladder.Select(w => $"{w}%"))}). Say `promote {release.App} full` to finish.");
    }

    public static string Describe(ReleaseState state) => state switch
    {
        ReleaseState.Canary => "running as a canary",
        ReleaseState.Paused => "paused",
        ReleaseState.Completing => "being promoted to everyone",
        ReleaseState.RollingBack => "being rolled back",
        ReleaseState.Completed => "complete",
        ReleaseState.RolledBack => "rolled back",
        _ => "failed",
    };

    private static string LastFailure(Release release) =>
        release.Steps.LastOrDefault(s => s.Status == StepStatus.Failed)?.Outcome ?? "a step did not succeed";
}

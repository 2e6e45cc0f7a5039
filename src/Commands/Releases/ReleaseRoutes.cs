using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>A release's user rules: which requests reach the canary whatever the weight, and when they end.</summary>
public sealed partial class Release
{
    /// <summary>Who a rule's expiry is recorded as asked by.</summary>
    public const string ExpiryActor = "bot (expiry)";

    /// <summary>
    /// The rules there would be after <paramref name="rule"/>: it replaces the rule for the same header (names ignore
    /// case) or the same cookie, else joins the others; null clears them all. Changes nothing.
    /// </summary>
    public List<RouteRule> RulesWith(RouteRule? rule)
    {
        if (rule is null)
        {
            return [];
        }

        var rules = Rules.Select(r => r.Copy()).ToList();
        var same = rules.FindIndex(r => r.IsSameRuleAs(rule));
        if (same >= 0)
        {
            rules[same] = rule.Copy();
        }
        else
        {
            rules.Add(rule.Copy());
        }

        return rules;
    }

    /// <summary>
    /// Drops the rules whose time is up (<see cref="RouteRule.ExpiresAt"/> at or before <paramref name="now"/>) and, when
    /// any were, adds a step that takes them out of the router, asked by <see cref="ExpiryActor"/>. A release that may no
    /// longer change its rules (finished, finishing or failed) expires nothing. Returns the rules dropped.
    /// </summary>
    public IReadOnlyList<RouteRule> ExpireRules(DateTimeOffset now)
    {
        if (!ReleaseRules.Decide(this, ReleaseTrigger.ClearRoute).Allowed)
        {
            return [];
        }

        var expired = Rules.Where(r => r.ExpiresAt <= now).ToList();
        if (expired.Count == 0)
        {
            return expired;
        }

        Rules = Rules.Where(r => !(r.ExpiresAt <= now)).ToList();
        UpdatedAt = now;
        Revision++;
        AddStep(StepKind.SetRoute, RequestedWeight, ExpiryActor, Conversation, now);
        return expired;
    }

    /// <summary>A rule change must name its rule (to set one) and change something; other triggers pass.</summary>
    private void EnsureRouteChanges(ReleaseTrigger trigger, RouteRule? rule)
    {
        if (trigger is not (ReleaseTrigger.SetRoute or ReleaseTrigger.ClearRoute))
        {
            return;
        }

        var asked = trigger == ReleaseTrigger.SetRoute ? rule ?? throw new ArgumentNullException(nameof(rule)) : null;
        if (ReleaseRules.CheckRoute(this, asked) is { } unchanged)
        {
            throw new InvalidOperationException(unchanged);
        }
    }

    /// <summary>Puts the rules after <paramref name="rule"/> in force, by a step at the weight asked for.</summary>
    private ReleaseStep Route(RouteRule? rule, string actor, ConversationRef conversation, DateTimeOffset now)
    {
        Rules = RulesWith(rule);
        return AddStep(StepKind.SetRoute, RequestedWeight, actor, conversation, now);
    }

    /// <summary>After a pause: queued rule changes still happen, but at the weight the pause holds.</summary>
    private void HoldQueuedRoutes()
    {
        foreach (var step in Steps.Where(s => s.Kind == StepKind.SetRoute && s.Status == StepStatus.Pending))
        {
            step.Weight = RequestedWeight;
        }
    }
}

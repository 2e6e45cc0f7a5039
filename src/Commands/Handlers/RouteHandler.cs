using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>route &lt;app|canary&gt; header &lt;Name&gt;=&lt;value&gt; | cookie &lt;name&gt; [for &lt;duration&gt;] | clear</c>:
/// sends chosen requests (testers) to the canary whatever the weight, or stops doing so.
/// </summary>
public sealed class RouteHandler(
    ReleaseResolver resolver,
    IReleaseStore store,
    IClusters clusters,
    TimeProvider time)
{
    public async Task<Outcome> HandleAsync(RouteCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        if (release.Strategy == ReleaseStrategy.BlueGreen && release.IsActive)
        {
            return Outcome.Refused($"{app.Name}'s release {release.ToVersion} is blue-green: testers reach the preview colour through Service "
                + $"{app.Namespace}/{app.CanaryService}{(clusters.RouterFor(app, release).SupportsRules ? $" or with {app.BlueGreen.PreviewRule.Describe()}" : string.Empty)}; "
                + "`route` rules are for canary releases.", app.Name, release.Id);
        }

        var now = time.GetUtcNow();
        var rule = Rule(command, now);
        var trigger = rule is null ? ReleaseTrigger.ClearRoute : ReleaseTrigger.SetRoute;
        var router = clusters.RouterFor(app, release);
        if (Check(release, trigger, rule, router) is { } problem)
        {
            return Outcome.Refused(problem, app.Name, release.Id);
        }

        if (command.Flags.DryRun)
        {
            var target = TrafficTarget.Canary(release.RequestedWeight, release.RulesWith(rule));
            var changes = await router.ChangeAsync(app, release, target, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            var effect = target.Rules.Count == 0
                ? $"Only the weight ({release.RequestedWeight}%) would decide who reaches the canary."
                : $"Requests with {string.Join(" or ", target.Rules.Select(r => r.Describe()))} would reach the canary, besides {release.RequestedWeight}% of everyone.";
            return Outcome.Answered(Texts.DryRun($"route {app.Name} {Words(command)}", release.Cluster, changes) + "\n" + effect, app.Name, release.Id);
        }

        var (late, before, weight) = await store.UpdateAsync(release.Id, stored =>
        {
            var rulesBefore = stored.Rules.Select(r => r.Copy()).ToList();
            if (Check(stored, trigger, rule, router) is { } problem)
            {
                return (problem, rulesBefore, stored.RequestedWeight);
            }

            stored.Accept(trigger, null, request.Actor.ToString(), request.Conversation, now, rule);
            return ((string?)null, rulesBefore, stored.RequestedWeight);
        }, cancellationToken).ConfigureAwait(false);
        if (late is not null)
        {
            return Outcome.Refused(late, app.Name, release.Id);
        }

        var text = rule is null
            ? $"Accepted: clearing the user rules of {app.Name} ({release.ToVersion}): {string.Join(" and ", before.Select(r => r.Describe()))}. "
                + $"Then only the weight decides who reaches the canary ({weight}%)."
            : Accepted(app, release, rule, before.FirstOrDefault(r => r.IsSameRuleAs(rule)), now);
        return Outcome.Queued(text + " I'll post here when the router has it.", app.Name, release.Id) with { ExpiresAt = rule?.ExpiresAt };
    }

    /// <summary>The rule a command asks for, or null for <c>clear</c>.</summary>
    private static RouteRule? Rule(RouteCommand command, DateTimeOffset now) => command.Kind is { } kind
        ? new RouteRule
        {
            Kind = kind,
            Name = command.Name ?? throw new ArgumentException("A route command with a rule names its header or cookie.", nameof(command)),
            Value = kind == RouteRuleKind.Header ? command.Value : null,
            SetAt = now,
            ExpiresAt = now + command.Duration,
        }
        : null;

    /// <summary>The state rules, then "nothing to change", then whether the app's router can express the rules at the weight asked for.</summary>
    private static string? Check(Release release, ReleaseTrigger trigger, RouteRule? rule, ITrafficRouter router) =>
        ReleaseRules.Decide(release, trigger).Refusal
        ?? ReleaseRules.CheckRoute(release, rule)
        ?? router.Preview(release, TrafficTarget.Canary(release.RequestedWeight, release.RulesWith(rule))).Refusal;

    private static string Accepted(AppSpec app, Release release, RouteRule rule, RouteRule? replaced, DateTimeOffset now)
    {
        var lasting = rule.ExpiresAt is { } end
            ? $"for {Texts.Duration(end - now)} (until {Texts.Until(end, now)})"
            : $"until `route {app.Name} clear`";
        var instead = replaced is null ? string.Empty : $" This replaces {Texts.Rules([replaced], now)}.";
        return $"Accepted: requests with {rule.Describe()} will reach the canary of {app.Name} ({release.ToVersion}) {lasting}.{instead}";
    }

    private static string Words(RouteCommand command) => command.Kind switch
    {
        RouteRuleKind.Header => $"header {command.Name}={command.Value}",
        RouteRuleKind.Cookie => $"cookie {command.Name}",
        _ => "clear",
    };
}

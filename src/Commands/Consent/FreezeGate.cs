using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>A freeze in force: declared in chat or from the calendar, with what people need to know about it.</summary>
public sealed record FreezeInForce(string Name, string Reason, DateTimeOffset? Until, string By)
{
    public string Describe(string app) =>
        $"{app} is frozen ({Name}{(string.IsNullOrWhiteSpace(Reason) ? string.Empty : ": " + Texts.Quote(Reason))}), "
        + (Until is { } end ? $"until {Texts.Time(end)}" : "until someone says `unfreeze`") + $", set by {By}";
}

/// <summary>
/// Whether an app is frozen now — by a freeze declared in chat (for the app or for all) or by a calendar freeze — and
/// whether a command may go ahead: changes that move a release forward are refused during a freeze; pausing, rolling
/// back and clearing rules are not (they lower the risk). An admin's <c>--force</c> passes, and is told.
/// </summary>
public sealed class FreezeGate(IFreezeStore store, ConsentSettings settings, TimeProvider time)
{
    public Task<FreezeInForce?> FindAsync(string app, CancellationToken cancellationToken) => FindAsync(app, time.GetUtcNow(), cancellationToken);

    /// <summary>The freeze in force for the app at <paramref name="now"/> (a later instant: as far as is known now).</summary>
    public async Task<FreezeInForce?> FindAsync(string app, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var declared = (await store.AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => (f.Scope == Freeze.All || string.Equals(f.Scope, app, StringComparison.OrdinalIgnoreCase)) && (f.Until is null || f.Until > now))
            .OrderBy(f => f.Until ?? DateTimeOffset.MaxValue)
            .LastOrDefault();
        if (declared is not null)
        {
            return new FreezeInForce(declared.Scope == Freeze.All ? "all apps" : "chat freeze", declared.Reason, declared.Until, declared.By);
        }

        return settings.Calendar.Where(c => c.CoversApp(app))
            .Select(c => (Calendar: c, Ends: c.EndsAfter(now)))
            .Where(c => c.Ends is not null)
            .Select(c => new FreezeInForce(c.Calendar.Name, c.Calendar.Reason, c.Ends, "the calendar"))
            .FirstOrDefault();
    }

    /// <summary>True for the commands a freeze stops.</summary>
    public static bool Stops(Command command) => command switch
    {
        DeployCommand or PromoteCommand or SwitchCommand => true,
        RouteCommand route => route.Kind is not null,
        FlagCommand flag => flag.Setting.Kind != FlagChangeKind.Off,
        _ => false,
    };
}

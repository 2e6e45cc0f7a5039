using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary><c>freeze</c>, <c>unfreeze</c>, and <c>freeze</c> alone to list what holds now.</summary>
public sealed class FreezeHandler(IFreezeStore store, FreezeGate gate, AppCatalog apps, ConsentSettings settings, TimeProvider time)
{
    public async Task<Outcome> FreezeAsync(FreezeCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        if (command.App is { } name && apps.Find(name) is null)
        {
            return Outcome.Refused(apps.Unknown(name));
        }

        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        if (command.Until is { } when)
        {
            if (when.Resolve(now, settings.TimeZone, out var error) is not { } resolved)
            {
                return Outcome.Refused(error!, command.App);
            }

            until = resolved.At;
        }

        var freeze = new Freeze
        {
            Id = ConsentLookup.NewId('f'), Scope = command.App ?? Freeze.All, Until = until,
            Reason = command.Reason, By = request.Actor.ToString(), At = now,
        };
        await store.AddAsync(freeze, cancellationToken).ConfigureAwait(false);
        var what = command.App ?? "every app";
        var end = until is { } e ? $"until {Texts.Time(e)}" : $"until `unfreeze {command.App ?? "all"}`";
        return Outcome.Accepted($"Frozen: {what} {end}{(command.Reason.Length > 0 ? $" ({Texts.Quote(command.Reason)})" : string.Empty)}. `deploy`, `promote`, `route`, "
            + "flag changes, scheduled promotions and automatic steps are refused meanwhile; `pause`, `rollback` and `flag … off` still work.", command.App, null);
    }

    public async Task<Outcome> UnfreezeAsync(UnfreezeCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var scope = command.App ?? Freeze.All;
        var removed = await store.RemoveAsync(scope, cancellationToken).ConfigureAwait(false);
        var calendar = command.App is { } app ? await gate.FindAsync(app, cancellationToken).ConfigureAwait(false) : null;
        var still = calendar is null ? string.Empty : $" {calendar.Describe(command.App!)} still holds; calendar freezes come from configuration (an admin's `--force` passes them).";
        return removed == 0
            ? Outcome.Refused($"There was no freeze of {command.App ?? "all apps"} declared in chat.{still}", command.App)
            : Outcome.Accepted($"Unfrozen: {command.App ?? "all apps"} (lifted {Texts.Plural(removed, "freeze")}).{still}", command.App, null);
    }

    public async Task<Outcome> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lines = (await store.AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => f.Until is null || f.Until > now)
            .Select(f => $"• {(f.Scope == Freeze.All ? "all apps" : f.Scope)}: " + (f.Until is { } end ? $"until {Texts.Time(end)}" : "until unfrozen")
                + $", by {f.By}{(f.Reason.Length > 0 ? $" ({Texts.Quote(f.Reason)})" : string.Empty)}")
            .ToList();
        lines.AddRange(settings.Calendar.Select(c => (Calendar: c, Ends: c.EndsAfter(now)))
            .Select(c => $"• calendar {c.Calendar.Name} (`{c.Calendar.Cron}` {c.Calendar.TimeZone}, {Texts.Duration(c.Calendar.Duration)}"
                + $"{(c.Calendar.Apps.Count == 0 ? string.Empty : ", " + string.Join(", ", c.Calendar.Apps))}): "
                + (c.Ends is { } end ? $"in force until {Texts.Time(end)}" : "not in force now")));
        return Outcome.Answered(lines.Count == 0 ? "Nothing is frozen, and no calendar freezes are configured." : $"Freezes:\n{string.Join('\n', lines)}");
    }
}

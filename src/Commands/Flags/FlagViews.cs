using System.Text;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Flags;

/// <summary><c>flags [app]</c>, <c>flag &lt;app&gt; &lt;flag&gt;</c> and <c>flag &lt;app&gt; &lt;flag&gt; history</c>. Change nothing.</summary>
public sealed class FlagViews(AppCatalog apps, FlagClusters maps, IFlagChangeStore store, TimeProvider time)
{
    public const int HistoryLength = 20;

    public async Task<Outcome> ListAsync(FlagListCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.App is { } name && apps.Find(name) is null)
        {
            return Outcome.Refused(apps.Unknown(name));
        }

        var shown = command.App is { } one ? [apps.Find(one)!] : apps.All.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var waiting = await store.AwaitingApprovalAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var app in shown)
        {
            text.Append(text.Length == 0 ? string.Empty : "\n").Append(await AppAsync(app, command.Flag, waiting, cancellationToken).ConfigureAwait(false));
        }

        return Outcome.Answered(text.Length == 0 ? "No apps are configured." : text.ToString(), command.App);
    }

    public async Task<Outcome> HistoryAsync(FlagHistoryCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (apps.Find(command.App) is null)
        {
            return Outcome.Refused(apps.Unknown(command.App));
        }

        var changes = await store.RecentAsync(command.App, command.Flag, HistoryLength, cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return Outcome.Answered($"No changes of flag {command.Flag} of {command.App} were asked for in chat yet.", command.App);
        }

        var text = new StringBuilder($"Changes of flag {command.Flag} of {command.App}, newest first:");
        foreach (var change in changes)
        {
            text.Append($"\n• {Texts.Time(change.RequestedAt)} `{change.Command}` by {change.RequestedBy}: {Fate(change)}");
        }

        return Outcome.Answered(text.ToString(), command.App);
    }

    private async Task<string> AppAsync(AppSpec app, string? only, IReadOnlyList<FlagChange> waiting, CancellationToken cancellationToken)
    {
        FlagSet flags;
        try
        {
            flags = await maps.ReadAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            return $"{app.Name}: I couldn't read its flags — {ex.Message}";
        }

        var now = time.GetUtcNow();
        var lines = flags.Flags.Where(f => only is null || string.Equals(f.Name, only, StringComparison.OrdinalIgnoreCase))
            .Select(f => $"• {f.Name}: {FlagEdits.Describe(f, now)} — set by {f.ChangedBy} at {Texts.Time(f.ChangedAt)}")
            .Concat(waiting.Where(c => c.App == app.Name && (only is null || string.Equals(c.Flag, only, StringComparison.OrdinalIgnoreCase)))
                .Select(c => $"• {c.Flag} → {c.To}: waiting for approval (request {c.Id}, asked by {c.RequestedBy})"))
            .ToList();
        if (lines.Count == 0)
        {
            return only is null
                ? $"{app.Name} has no flags yet ({maps.Where(app)}); `flag {app.Name} <name> on` makes one."
                : $"{app.Name} has no flag {only}{(flags.Flags.Count == 0 ? string.Empty : $"; its flags: {string.Join(", ", flags.Flags.Select(f => f.Name))}")}.";
        }

        return $"{app.Name} flags ({maps.Where(app)}):\n{string.Join('\n', lines)}";
    }

    private static string Fate(FlagChange change)
    {
        var approved = change.Approval is { State: ApprovalState.Approved } a && a.DecidedBy != change.RequestedBy.ToString()
            ? $" (approved by {a.DecidedBy})"
            : string.Empty;
        return change.State switch
        {
            FlagChangeState.Applied => $"written at {Texts.Time(change.DoneAt ?? change.RequestedAt)}, {change.From} → {change.To}{approved}",
            FlagChangeState.Queued => $"queued, {change.To}{approved}",
            FlagChangeState.Failed => $"not written: {change.Result}",
            FlagChangeState.AwaitingApproval => $"waiting for approval (request {change.Id})",
            _ => change.Approval is { } dropped ? $"not carried out — {ApprovalCard.Context(dropped)}" : "not carried out",
        };
    }
}

using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>Finds the release a command means: a named app's newest release, or "canary".</summary>
public sealed class ReleaseResolver(AppCatalog apps, IReleaseStore store)
{
    /// <summary>The release and its app, or a sentence saying why there is none.</summary>
    public async Task<(Release? Release, AppSpec? App, string? Refusal)> ResolveAsync(
        ReleaseTarget target, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        if (target.App is { } name)
        {
            if (apps.Find(name) is not { } app)
            {
                return (null, null, apps.Unknown(name));
            }

            var latest = await store.LatestAsync(app.Name, cancellationToken).ConfigureAwait(false);
            return latest is null
                ? (null, app, $"{app.Name} has no release yet. Start one with `deploy {app.Name} <version>`.")
                : (latest, app, null);
        }

        var active = await store.ActiveAsync(cancellationToken).ConfigureAwait(false);
        var visible = active.Where(r => Sees(request.Conversation, r.Conversation)).ToList();
        switch (visible.Count)
        {
            case 1:
                return apps.Find(visible[0].App) is { } found
                    ? (visible[0], found, null)
                    : (null, null, $"The active release {visible[0].Id} is of `{visible[0].App}`, which is no longer configured.");
            case 0 when active.Count == 0:
                return (null, null, "There is no active release. Start one with `deploy <app> <version>`.");
            case 0:
                return (null, null, "No active release was started in this conversation. Name the app: "
                    + string.Join(", ", active.Select(r => $"`{r.App}` ({r.ToVersion})")) + ".");
            default:
                return (null, null, "Several releases are active here, so `canary` is ambiguous: "
                    + string.Join("; ", visible.Select(r => $"`{r.App}` {r.ToVersion} at {r.EffectiveWeight}%"))
                    + ". Name the app instead, e.g. `promote " + visible[0].App + " 20%`. Nothing was changed.");
        }
    }

    private static bool Sees(ConversationRef asking, ConversationRef started) =>
        string.Equals(asking.Platform, started.Platform, StringComparison.Ordinal)
        && string.Equals(asking.Channel, started.Channel, StringComparison.Ordinal);
}

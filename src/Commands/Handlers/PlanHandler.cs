using System.Text;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>plan &lt;app&gt;</c>: the app's plan step by step, and — while a release runs — the step in force, how long it has
/// baked, the next step and the waves. The plan shown is the release's own copy (taken when its wave started).
/// </summary>
public sealed class PlanHandler(AppCatalog apps, PlanCatalog plans, IReleaseStore store, TimeProvider time)
{
    public async Task<Outcome> HandleAsync(PlanCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (apps.Find(command.App) is not { } app)
        {
            return Outcome.Refused(apps.Unknown(command.App));
        }

        var latest = await store.LatestAsync(app.Name, cancellationToken).ConfigureAwait(false);
        var release = latest is { IsActive: true, Plan: not null } ? latest : null;
        var plan = release?.Plan ?? plans.For(app);
        var text = new StringBuilder($"{app.Name} follows plan {plan.Name} ({plan.Origin}):");
        text.Append(PlanTexts.Steps(plan, release));
        if (app.Waves.Count > 1)
        {
            var later = plans.ForLaterWave(app);
            text.Append($"\nWaves: {string.Join(" → ", app.Waves)}; each wave starts when the one before it is complete");
            text.Append(later.Name == plan.Name ? ", with the same plan." : $", the later ones with plan {later.Name}.");
        }

        if (release is null)
        {
            text.Append($"\nNo release is running; `deploy {app.Name} <version>` starts one (`--auto` lets me move through the plan by myself).");
            return Outcome.Answered(text.ToString(), app.Name);
        }

        var now = time.GetUtcNow();
        text.Append($"\nRelease {release.Id} ({release.FromVersion} → {release.ToVersion}, {ReleaseRules.Describe(release.State)}): {PlanTexts.Where(release, now)}.");
        if (release.Waves.Count > 1)
        {
            text.Append($"\nWaves: {PlanTexts.Waves(release)}.");
        }

        return Outcome.Answered(text.ToString(), app.Name, release.Id);
    }
}

using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>Where the cluster was left after a step failed part-way.</summary>
internal enum RecoveryOutcome
{
    /// <summary>Every change of the step was made after all, and it serves: the step counts as applied.</summary>
    Reached,

    /// <summary>The step changed nothing: the cluster is still where the release stood before it.</summary>
    Unchanged,

    /// <summary>What the step had changed was undone: the cluster is back where the release stood before it.</summary>
    Restored,

    /// <summary>Neither could be made sure of; the cluster may be part-way between the two.</summary>
    Unknown,
}

/// <summary>What became of the cluster after a failed step, and the sentence that tells it.</summary>
internal sealed record Recovery(RecoveryOutcome Outcome, string Sentence);

/// <summary>
/// After a step failed while it changed the cluster (say the Kubernetes API kept failing until the retries ran out),
/// looks at the cluster again so that the release and the cluster agree: when every change of the step was made, the
/// step is applied after all; otherwise the cluster is brought back to the target of the release's last applied step
/// (two tries, each call retried as usual). Never throws, except when the caller cancels.
/// </summary>
internal static class StepRecovery
{
    private const int RestoreTries = 2;

    public static async Task<Recovery> RecoverAsync(AppSpec app, Release release, ITrafficRouter router, ReleaseStep step, CancellationToken cancellationToken)
    {
        var before = Previous(release, step);
        var where = Where(release, before);
        try
        {
            // A step whose every change is in the cluster only waits, when carried out again, until it serves.
            if ((await router.ChangeAsync(app, release, step.Target, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                await router.ChangeAsync(app, release, step.Target, ChangeMode.Apply, cancellationToken).ConfigureAwait(false);
                return new Recovery(RecoveryOutcome.Reached, "every change of the step was made and it serves.");
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not reached, or not known to be: bring the cluster back instead.
        }

        var target = before?.Target ?? TrafficTarget.RolledBack;
        var problem = string.Empty;
        for (var attempt = 1; attempt <= RestoreTries; attempt++)
        {
            try
            {
                var changes = await router.ChangeAsync(app, release, target, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
                if (changes.Count == 0 && attempt == 1)
                {
                    return new Recovery(RecoveryOutcome.Unchanged, $"Nothing in the cluster changed: it still has {where}.");
                }

                await router.ChangeAsync(app, release, target, ChangeMode.Apply, cancellationToken).ConfigureAwait(false);
                return new Recovery(RecoveryOutcome.Restored, $"I undid what the step had changed: the cluster is back to {where}.");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                problem = ex is ClusterException ? ex.Message.TrimEnd('.') : $"an unexpected error ({ex.GetType().Name})";
            }
        }

        return new Recovery(RecoveryOutcome.Unknown,
            $"I could not bring the cluster back to {where} either ({problem}), so it may be part-way between that and the step's target.");
    }

    /// <summary>The release's last applied step in the cluster of <paramref name="step"/>, before it; null when there is none.</summary>
    public static ReleaseStep? Previous(Release release, ReleaseStep step)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(step);
        var cluster = step.Cluster ?? release.Cluster;
        return release.Steps
            .TakeWhile(s => s.Id != step.Id)
            .LastOrDefault(s => s.Status == StepStatus.Applied && string.Equals(s.Cluster ?? release.Cluster, cluster, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Where the release stood after <paramref name="before"/>, in words: "the canary v2.0.0 at 25%", "v1.0.0 on every pod and no canary".</summary>
    private static string Where(Release release, ReleaseStep? before) => before?.Kind switch
    {
        null or StepKind.Rollback => $"{release.FromVersion} on every pod and no canary",
        StepKind.Full => $"{release.ToVersion} on every pod and no canary",
        _ => $"the canary {release.ToVersion} at {before.EffectiveWeight ?? 0}%"
            + (before.Rules.Count == 0 ? string.Empty : $" plus requests with {string.Join(" or ", before.Rules.Select(r => r.Describe()))}"),
    };
}

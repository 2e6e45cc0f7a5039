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
/// step is applied after all; otherwise the cluster is brought back to the target of the release's last applied step.
/// A failed rollback is finished instead of undone (undoing it would send users back to the canary being taken away).
/// Up to three tries, each call retried as usual. Never throws, except when the caller cancels.
/// </summary>
internal static class StepRecovery
{
    private const int Tries = 3;

    public static async Task<Recovery> RecoverAsync(AppSpec app, Release release, ITrafficRouter router, ReleaseStep step, CancellationToken cancellationToken)
    {
        var before = Previous(release, step);
        var where = Where(release, before);
        var back = step.Kind == StepKind.Rollback ? null : before?.Target ?? TrafficTarget.RolledBack;
        var (forward, touched) = (false, false);
        var problem = string.Empty;
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            try
            {
                // A step whose every change is in the cluster only waits, when carried out again, until it serves (tried once).
                if (back is null || (!forward && await IsAtAsync(app, release, router, step.Target, cancellationToken).ConfigureAwait(false)))
                {
                    forward = true;
                    await router.ChangeAsync(app, release, step.Target, ChangeMode.Apply, cancellationToken).ConfigureAwait(false);
                    return new Recovery(RecoveryOutcome.Reached, "every change of the step was made and it serves.");
                }

                if (!touched && await IsAtAsync(app, release, router, back, cancellationToken).ConfigureAwait(false))
                {
                    return new Recovery(RecoveryOutcome.Unchanged, $"Nothing in the cluster changed: it still has {where}.");
                }

                touched = true;
                await router.ChangeAsync(app, release, back, ChangeMode.Apply, cancellationToken).ConfigureAwait(false);
                return new Recovery(RecoveryOutcome.Restored, $"I undid what the step had changed: the cluster is back to {where}.");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                problem = ex is ClusterException ? ex.Message.TrimEnd('.') : $"an unexpected error ({ex.GetType().Name})";
            }
        }

        return new Recovery(RecoveryOutcome.Unknown, back is null
            ? $"I could not finish the rollback either ({problem}), so the cluster may be part-way between {where} and {release.FromVersion} on every pod."
            : $"I could not bring the cluster back to {where} either ({problem}), so it may be part-way between that and the step's target.");
    }

    /// <summary>Whether the cluster already is as <paramref name="target"/> wants it: its dry run finds nothing to change.</summary>
    private static async Task<bool> IsAtAsync(AppSpec app, Release release, ITrafficRouter router, TrafficTarget target, CancellationToken cancellationToken) =>
        (await router.ChangeAsync(app, release, target, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false)).Count == 0;

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

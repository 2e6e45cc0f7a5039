using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// Carries out a release's open steps in the order they were asked for, one at a time, and tells the
/// conversation each outcome. The caller (a job) holds the release's lock, so no two runners work on one
/// release at once. A step already applied is never applied again; a step interrupted while running is
/// carried out again from the start, which is safe because every step moves the cluster to an absolute target.
/// A step that fails part-way is not left half-done: <see cref="StepRecovery"/> finds it applied after all, or brings
/// the cluster back to where the release stood, and the failure says which.
/// </summary>
public sealed partial class ReleaseStepRunner(
    IReleaseStore store,
    IClusters clusters,
    AppCatalog apps,
    IAuditLog audit,
    ReplyPoster replies,
    ReleaseCards cards,
    ReleaseWatch watch,
    IReleaseJobs jobs,
    TimeProvider time,
    ILogger<ReleaseStepRunner> logger)
{
    public async Task RunOpenStepsAsync(string releaseId, CancellationToken cancellationToken)
    {
        var carriedOut = new HashSet<string>(StringComparer.Ordinal);
        while (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false) is { NextOpenStep: { } step } release)
        {
            if (!carriedOut.Add(step.Id))
            {
                // The store did not keep the outcome of a step carried out moments ago; going round again would repeat it forever.
                throw new InvalidOperationException($"Release {releaseId}: step {step.Id} is still open after it was carried out.");
            }

            if (!await store.UpdateAsync(releaseId, r => r.MarkRunning(step.Id, time.GetUtcNow()), cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            StepWork? work = null;
            string outcome;
            int effective;
            try
            {
                work = Prepare(release, step);
                await work.Router.ChangeAsync(work.App, work.Release, step.Target, ChangeMode.Apply, cancellationToken).ConfigureAwait(false);
                (effective, outcome) = Outcome(work, step);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A step refused before it began changed nothing; one that failed part-way is looked at again.
                var recovery = work is null ? null : await StepRecovery.RecoverAsync(work.App, work.Release, work.Router, step, cancellationToken).ConfigureAwait(false);
                LogStepFailed(logger, release.Id, step.Id, recovery?.Outcome, ex);
                if (recovery is not { Outcome: RecoveryOutcome.Reached })
                {
                    await FailAsync(release, step, ex, recovery, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                (effective, outcome) = Outcome(work!, step);
                outcome += $" It met an error on the way ({Reason(ex).TrimEnd('.')}), but {recovery.Sentence}";
            }

            await replies.PostAsync(release.ReplyTo(step), Reply.Success(outcome), cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var watched = await store.UpdateAsync(releaseId, r => { r.MarkApplied(step.Id, effective, outcome, now); return ReleaseWatch.Watches(r); }, cancellationToken)
                .ConfigureAwait(false);
            if (watched)
            {
                // A new step bakes (or an automatic release is ready to start): its first look after one interval.
                watch.Start(releaseId, step.Kind == StepKind.Deploy ? now : now + (apps.Find(release.App)?.Analysis.Interval ?? TimeSpan.Zero));
            }

            await AuditAsync(release, step, AuditOutcome.Done, outcome, cancellationToken).ConfigureAwait(false);
            await cards.ShowAsync(releaseId, cancellationToken).ConfigureAwait(false);
            if (step.Kind == StepKind.Switch)
            {
                jobs.ScheduleRetire(releaseId, now + release.KeepOld);
            }
        }
    }

    /// <summary>What a step works with: the app, the release as seen from the step's cluster, its router and what the target will mean.</summary>
    private sealed record StepWork(AppSpec App, Release Release, ITrafficRouter Router, WeightPreview Preview);

    /// <summary>Everything a step needs before it changes the cluster; throws when it cannot begin (nothing changed yet).</summary>
    private StepWork Prepare(Release release, ReleaseStep step)
    {
        var app = apps.Find(release.App)
            ?? throw new ClusterException($"the app `{release.App}` is no longer in the configuration, so I don't know where it runs.");
        LogStep(logger, release.Id, step.Id, step.Kind);
        // A step may work in another cluster the release touched (a rollback of an earlier wave): seen from there.
        release = release.InCluster(step.Cluster ?? release.Cluster);
        var router = clusters.Tools(release.Cluster).Routers.For(app);
        var preview = router.Preview(release, step.Target);
        return preview.Refusal is null ? new StepWork(app, release, router, preview) : throw new ClusterException(preview.Refusal);
    }

    private static (int Effective, string Outcome) Outcome(StepWork work, ReleaseStep step)
    {
        var (app, release, preview) = (work.App, work.Release, work.Preview);
        if (release.Strategy == ReleaseStrategy.BlueGreen)
        {
            return BlueGreenOutcome(app, release, step);
        }

        return step.Kind switch
        {
            StepKind.Deploy => (preview.Effective, Where(release) + $"{app.Name} {release.ToVersion} is deployed as `{app.CanaryDeployment}` at 0% — no traffic yet. "
                + $"Next: `promote {app.Name} <N%>` or `promote {app.Name} next`."),
            StepKind.SetWeight => (preview.Effective, Where(release) + $"{app.Name} canary {release.ToVersion} now serves {preview.Detail}."),
            StepKind.SetRoute => (preview.Effective, Routes(app, release, step)),
            StepKind.Full => (100, Where(release) + $"{app.Name} {release.ToVersion} is now the stable version on {Texts.Plural(release.StableReplicas, "pod")}; "
                + $"the canary is removed. " + (release.HasNextWave && release.CurrentWave?.Cluster == release.Cluster
                    ? $"Wave {release.WaveIndex + 1} of {release.Waves.Count} is done; the next wave, {release.Waves[release.WaveIndex + 1].Cluster}, starts with a canary at 0%."
                    : $"Release {release.Id} is complete.")),
            _ => (0, Where(release) + $"{app.Name} is back on {release.FromVersion} ({Texts.Plural(release.StableReplicas, "pod")}); "
                + (release.Steps.Any(s => s.IsOpen && s.Kind == StepKind.Rollback && s.Id != step.Id)
                    ? "the canary is removed; the clusters of the earlier waves follow."
                    : $"the canary is removed. Release {release.Id} is rolled back.")),
        };
    }

    private static (int Effective, string Outcome) BlueGreenOutcome(AppSpec app, Release release, ReleaseStep step) => step.Kind switch
    {
        StepKind.Deploy => (0, $"{app.Name} {release.ToVersion} is up as the preview colour: `{app.CanaryDeployment}` on {Texts.Plural(release.StableReplicas, "pod")} "
            + $"beside the live {release.FromVersion}; testers reach it through Service {app.Namespace}/{app.CanaryService}. Everyone stays on {release.FromVersion}. "
            + $"Next: `switch {app.Name}` (or `rollback {app.Name}`)."),
        StepKind.Switch => (100, $"{app.Name}: everyone is on {release.ToVersion} now (`{app.CanaryDeployment}`); {release.FromVersion} keeps "
            + $"{Texts.Plural(release.OldReplicas, "pod")} for {Texts.Duration(release.KeepOld)}, until then `rollback {app.Name}` switches back at once."),
        StepKind.Full => (100, $"{app.Name}: the old colour {release.FromVersion} is retired; {release.ToVersion} is the stable version on "
            + $"{Texts.Plural(release.StableReplicas, "pod")} and `{app.CanaryDeployment}` is removed. Release {release.Id} is complete."),
        _ => (0, $"{app.Name} is back on {release.FromVersion} ({Texts.Plural(release.StableReplicas, "pod")}); the new colour {release.ToVersion} is removed. "
            + $"Release {release.Id} is rolled back."),
    };

    /// <summary>"frankfurt: " for a release that goes through several clusters; nothing otherwise.</summary>
    private static string Where(Release release) => release.Waves.Count > 1 ? $"{release.Cluster}: " : string.Empty;

    private static string Routes(AppSpec app, Release release, ReleaseStep step) => step.Rules.Count == 0
        ? $"{app.Name}: no user rules any more; the canary {release.ToVersion} gets {step.Weight}% of traffic."
        : $"{app.Name}: requests with {string.Join(" or ", step.Rules.Select(r => r.Describe()))} now reach the canary {release.ToVersion}"
            + (step.Weight > 0 ? $", besides {step.Weight}% of everyone." : " (no public traffic yet).");

    private async Task FailAsync(Release release, ReleaseStep step, Exception ex, Recovery? recovery, CancellationToken cancellationToken)
    {
        var reason = Reason(ex).TrimEnd('.') + "." + (recovery is null ? string.Empty : $" {recovery.Sentence}");
        var text = $"{release.App}: could not {step.Describe()} — {reason} Release {release.Id} is now failed; "
            + $"`rollback {release.App}` returns everyone to {release.FromVersion}.";
        await replies.PostAsync(release.ReplyTo(step), Reply.Failure(text), cancellationToken).ConfigureAwait(false);
        await store.UpdateAsync(release.Id, r => { r.MarkFailed(step.Id, reason, time.GetUtcNow()); return 0; }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(release, step, AuditOutcome.Failed, text, cancellationToken).ConfigureAwait(false);
        await cards.ShowAsync(release.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The failure in a sentence for chat: a cluster's own words, never an unexpected exception's text.</summary>
    private static string Reason(Exception ex) =>
        ex is ClusterException ? ex.Message : $"an unexpected error ({ex.GetType().Name}); the bot's log has the details";

    private async Task AuditAsync(Release release, ReleaseStep step, AuditOutcome outcome, string detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(time.GetUtcNow(), "bot (job)", step.Conversation.ToString(), release.App, release.Id,
            $"step {step.Id}: {step.Describe()}", outcome, detail);
        await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release {ReleaseId}: carrying out step {StepId} ({Kind})")]
    private static partial void LogStep(ILogger logger, string releaseId, string stepId, StepKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: step {StepId} failed; the cluster after it: {Recovery}")]
    private static partial void LogStepFailed(ILogger logger, string releaseId, string stepId, RecoveryOutcome? recovery, Exception exception);
}

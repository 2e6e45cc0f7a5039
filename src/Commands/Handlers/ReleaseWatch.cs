using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// Watches a release while a plan step bakes: every <see cref="AnalysisSettings.Interval"/> it compares the canary
/// with stable. Fail → rollback (or pause, per app) with the evidence in the thread. Inconclusive where the step needs
/// analysis → the step keeps baking and the thread is told why; past <see cref="AnalysisSettings.InconclusiveDeadline"/>
/// the release is paused for a person. Baked and passed → with <c>--auto</c> the next step starts (unless it needs
/// approval), otherwise the thread is told it may. Each look schedules the next; a look that finds another chain's
/// look due later leaves the watch to that chain, so a restart never doubles it.
/// </summary>
public sealed partial class ReleaseWatch(
    IReleaseStore store,
    AppCatalog apps,
    CanaryComparison comparison,
    IReleaseJobs jobs,
    WatchActions actions,
    TimeProvider time,
    ILogger<ReleaseWatch> logger)
{
    /// <summary>A look may run this much before its time (the queue's clock) and still count as the one due.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    /// <summary>Starts watching: the first look at <paramref name="at"/> (now when null). Never throws: a lost start is logged.</summary>
    public void Start(string releaseId, DateTimeOffset? at = null)
    {
        try
        {
            jobs.ScheduleLook(releaseId, at ?? time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogScheduleFailed(logger, releaseId, ex);
        }
    }

    public async Task LookAsync(string releaseId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (claimed, release) = await store.UpdateAsync(releaseId, r => Claim(r, now), cancellationToken).ConfigureAwait(false);
        if (!claimed || release is null || apps.Find(release.App) is not { } app)
        {
            return;
        }

        if (await DecideAsync(release, app, now, cancellationToken).ConfigureAwait(false))
        {
            Start(releaseId, now + app.Analysis.Interval);
        }
        else
        {
            await store.UpdateAsync(releaseId, r => { r.NextLookAt = null; return 0; }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a release has anything to watch: a plan, a canary still running, and a step in force (or auto at the start).</summary>
    public static bool Watches(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.Plan is not null && release.State == ReleaseState.Canary && (release.CurrentPlanStep is not null || release.Auto);
    }

    private (bool Claimed, Release? Release) Claim(Release release, DateTimeOffset now)
    {
        if (!Watches(release) || release.NextLookAt is { } due && due > now + Slack)
        {
            return (false, release);
        }

        release.NextLookAt = now + (apps.Find(release.App)?.Analysis.Interval ?? TimeSpan.FromSeconds(30));
        return (true, release);
    }

    /// <summary>One look; true to keep watching.</summary>
    private async Task<bool> DecideAsync(Release release, AppSpec app, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (release.HasOpenSteps)
        {
            return true; // a step is being applied: its outcome restarts the bake
        }

        var step = release.CurrentPlanStep;
        var passed = true;
        if (step is not null && comparison.MissingSource(app) is null)
        {
            var report = await comparison.RunAsync(app, release, null, cancellationToken, release.CurrentPlanStep?.Gates).ConfigureAwait(false);
            switch (report.Verdict.Outcome)
            {
                case VerdictOutcome.Fail:
                    await actions.OnFailAsync(release, app, report, cancellationToken).ConfigureAwait(false);
                    return false;
                case VerdictOutcome.Inconclusive when step.Analysis:
                    return await actions.OnInconclusiveAsync(release, app, step, report, now, cancellationToken).ConfigureAwait(false);
                case VerdictOutcome.Pass:
                    await store.UpdateAsync(release.Id, r => { r.InconclusiveSince = null; return 0; }, cancellationToken).ConfigureAwait(false);
                    break;
            }

            passed = report.Verdict.Outcome == VerdictOutcome.Pass || !step.Analysis;
        }
        else if (step is { Analysis: true })
        {
            passed = false;
        }

        if (!passed || release.BakeLeft(now) is { } left && left > TimeSpan.Zero)
        {
            return true;
        }

        return await actions.OnReadyAsync(release, app, step, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: the job queue refused the watch's next look")]
    private static partial void LogScheduleFailed(ILogger logger, string releaseId, Exception exception);
}

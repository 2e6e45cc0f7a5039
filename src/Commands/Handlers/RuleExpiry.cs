using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// Ends a release's timed user rules: the job <see cref="IReleaseJobs.ScheduleRuleExpiry"/> schedules for the moment a
/// rule should end. Only rules whose time is up go, so a rule cleared or replaced by a longer one meanwhile stays, and a
/// finished release expires nothing. What ended is audited and told in the release's conversation, the card is redrawn
/// and the step that takes the rules out of the router is queued.
/// </summary>
public sealed partial class RuleExpiry(
    IReleaseStore store,
    IAuditLog audit,
    ReplyPoster replies,
    ReleaseCards cards,
    IReleaseJobs jobs,
    TimeProvider time,
    ILogger<RuleExpiry> logger)
{
    public async Task ExpireAsync(string releaseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releaseId);
        if (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false) is null)
        {
            LogUnknownRelease(logger, releaseId);
            return;
        }

        var now = time.GetUtcNow();
        var (expired, release) = await store.UpdateAsync(releaseId, r => (r.ExpireRules(now), r), cancellationToken).ConfigureAwait(false);
        if (expired.Count == 0)
        {
            return;
        }

        LogExpired(logger, releaseId, expired.Count);
        var text = Ended(release, expired);
        await AuditAsync(release, expired, text, now, cancellationToken).ConfigureAwait(false);
        await replies.PostAsync(release.Conversation, Reply.Info(text), cancellationToken).ConfigureAwait(false);
        await cards.ShowAsync(releaseId, cancellationToken).ConfigureAwait(false);
        try
        {
            jobs.EnqueueOpenSteps(releaseId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The step is stored; the open-steps recovery at the next start carries it out.
            LogQueueFailed(logger, releaseId, ex);
        }
    }

    /// <summary>"The rule header X-Canary: testers for checkout ended (it was set for 2 h); only the weight decides …".</summary>
    private static string Ended(Release release, IReadOnlyList<RouteRule> expired)
    {
        var ended = expired.Count == 1
            ? $"The rule {expired[0].Describe()} for {release.App} ended{(SetFor(expired[0]) is { } span ? $" (it was set for {span})" : string.Empty)}"
            : $"The rules {string.Join(" and ", expired.Select(r => r.Describe() + (SetFor(r) is { } span ? $" (set for {span})" : string.Empty)))} "
                + $"for {release.App} ended";
        var after = release.Rules.Count == 0
            ? $"only the weight decides who reaches the canary {release.ToVersion} now ({release.RequestedWeight}%)"
            : $"requests with {Texts.Rules(release.Rules)} still reach the canary {release.ToVersion}, besides {release.RequestedWeight}% of everyone";
        return $"{ended}; {after}. I'll post here when the router has it.";
    }

    private static string? SetFor(RouteRule rule) =>
        rule is { SetAt: { } set, ExpiresAt: { } end } ? Texts.Duration(end - set) : null;

    private async Task AuditAsync(Release release, IReadOnlyList<RouteRule> expired, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(now, Release.ExpiryActor, release.Conversation.ToString(), release.App, release.Id,
            $"expire {string.Join(" and ", expired.Select(r => r.Describe()))}", AuditOutcome.Accepted, text);
        try
        {
            await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditLost(logger, release.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release {ReleaseId}: {Count} user rule(s) ended")]
    private static partial void LogExpired(ILogger logger, string releaseId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release {ReleaseId} is not stored; no user rule to end")]
    private static partial void LogUnknownRelease(ILogger logger, string releaseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: the job queue refused the step that ends user rules")]
    private static partial void LogQueueFailed(ILogger logger, string releaseId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: could not write the audit entry of ended user rules")]
    private static partial void LogAuditLost(ILogger logger, string releaseId, Exception exception);
}

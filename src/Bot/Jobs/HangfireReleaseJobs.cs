using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using Hangfire;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>Queues <see cref="ReleaseJob"/> in Hangfire's durable storage, and the delayed jobs of rules, watches, approvals and schedules.</summary>
internal sealed class HangfireReleaseJobs(IBackgroundJobClient client) : IReleaseJobs
{
    public string EnqueueOpenSteps(string releaseId) =>
        client.Enqueue<ReleaseJob>(job => job.RunAsync(releaseId, CancellationToken.None));

    /// <summary>A delayed job at the rule's end; it makes one atomic change and queues the usual step job.</summary>
    public string ScheduleRuleExpiry(string releaseId, DateTimeOffset at) =>
        client.Schedule<RuleExpiry>(expiry => expiry.ExpireAsync(releaseId, CancellationToken.None), at);

    /// <summary>A delayed look of the watch; each look schedules the next while the step bakes.</summary>
    public string ScheduleLook(string releaseId, DateTimeOffset at) =>
        client.Schedule<WatchJob>(watch => watch.LookAsync(releaseId, CancellationToken.None), at);

    /// <summary>A delayed job at the approval request's deadline; a request decided before then is left as it is.</summary>
    public string ScheduleApprovalExpiry(string releaseId, string approvalId, DateTimeOffset at) =>
        client.Schedule<ApprovalExpiryJob>(job => job.ExpireAsync(releaseId, approvalId, CancellationToken.None), at);

    /// <summary>A delayed job at a scheduled promotion's notice or promotion time.</summary>
    public string SchedulePromotionTimer(string releaseId, string scheduleId, PromotionTimer timer, DateTimeOffset at) =>
        client.Schedule<PromotionTimerJob>(job => job.RingAsync(releaseId, scheduleId, timer, CancellationToken.None), at);

    /// <summary>A delayed job at the end of a blue-green release's keep time.</summary>
    public string ScheduleRetire(string releaseId, DateTimeOffset at) =>
        client.Schedule<OldColourRetirement>(retirement => retirement.RetireAsync(releaseId, CancellationToken.None), at);

    /// <summary>A job that writes a flag change to the app's ConfigMaps.</summary>
    public string EnqueueFlagChange(string changeId) =>
        client.Enqueue<FlagJob>(job => job.RunAsync(changeId, CancellationToken.None));

    /// <summary>A delayed job at the end of a flag change's approval request or of the flag it set.</summary>
    public string ScheduleFlagTimer(string changeId, FlagTimer timer, DateTimeOffset at) =>
        client.Schedule<FlagJob>(job => job.RingAsync(changeId, timer, CancellationToken.None), at);
}

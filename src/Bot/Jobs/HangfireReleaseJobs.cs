using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using Hangfire;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>Queues <see cref="ReleaseJob"/> in Hangfire's durable storage.</summary>
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
}

using ChatOpsRelease.Commands.Ports;
using Hangfire;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>Queues <see cref="ReleaseJob"/> in Hangfire's durable storage.</summary>
internal sealed class HangfireReleaseJobs(IBackgroundJobClient client) : IReleaseJobs
{
    public string EnqueueOpenSteps(string releaseId) =>
        client.Enqueue<ReleaseJob>(job => job.RunAsync(releaseId, CancellationToken.None));
}

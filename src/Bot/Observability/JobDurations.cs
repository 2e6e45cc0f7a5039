using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Commands.Handlers;
using Hangfire.Common;
using Hangfire.Server;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>Times every job this host's server performs and records it in <see cref="BotMetrics"/>.</summary>
internal sealed class JobDurations(BotMetrics metrics, TimeProvider time) : IServerFilter
{
    private const string Started = "chatops.started";

    /// <summary>The jobs the bot queues, by the name the metric shows; any other job is <c>other</c>.</summary>
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(ReleaseJob)] = "release",
        [typeof(WatchJob)] = "watch",
        [typeof(RuleExpiry)] = "rule_expiry",
        [typeof(ApprovalExpiryJob)] = "approval_expiry",
        [typeof(PromotionTimerJob)] = "promotion_timer",
        [typeof(FlagJob)] = "flag",
        [typeof(OldColourRetirement)] = "retire",
    };

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Started] = time.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(Started, out var started) && started is long start)
        {
            var job = context.BackgroundJob.Job?.Type is { } type ? Names.GetValueOrDefault(type, "other") : "other";
            metrics.Job(job, context.Exception is null, time.GetElapsedTime(start));
        }
    }
}

/// <summary>Hangfire's usual filters (global ones and the jobs' attributes) and <see cref="JobDurations"/>.</summary>
internal sealed class MeteredJobFilters(JobDurations durations) : IJobFilterProvider
{
    private readonly JobFilter _durations = new(durations, JobFilterScope.Global, order: null);

    public IEnumerable<JobFilter> GetFilters(Job job) => JobFilterProviders.Providers.GetFilters(job).Append(_durations);
}

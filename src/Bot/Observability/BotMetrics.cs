using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using Prometheus;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>
/// The bot's own metrics, in a registry of this host's (never prometheus-net's static default one, so several hosts in
/// one process each count their own). Every label value comes from a fixed set: verbs, outcomes, job kinds, platforms.
/// </summary>
internal sealed class BotMetrics : IAnalysisMetrics
{
    private readonly Counter _commands;
    private readonly Histogram _jobs;
    private readonly Counter _verdicts;
    private readonly Counter _chatErrors;
    private readonly Counter _givenUp;
    private readonly Gauge _queue;

    public BotMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _commands = factory.CreateCounter("chatops_commands_total",
            "Commands and release steps recorded in the audit log, by verb and outcome.", "verb", "outcome");
        _jobs = factory.CreateHistogram("chatops_job_duration_seconds",
            "How long the bot's background jobs ran, by job and outcome.",
            new HistogramConfiguration { LabelNames = ["job", "outcome"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 16) });
        _verdicts = factory.CreateCounter("chatops_analysis_verdicts_total",
            "Verdicts of canary-versus-stable comparisons (compare and the watch of a baking step).", "verdict");
        _chatErrors = factory.CreateCounter("chatops_chat_api_errors_total",
            "Calls to a chat platform's API that failed, by platform and operation.", "platform", "operation");
        _givenUp = factory.CreateCounter("chatops_chat_replies_given_up_total",
            "Replies the chat outbox gave up on after its last attempt, by platform.", "platform");
        _queue = factory.CreateGauge("chatops_job_queue_depth",
            "Jobs waiting in the job queue, by state (read when scraped).", "state");
    }

    public CollectorRegistry Registry { get; }

    public void Command(string verb, AuditOutcome outcome) =>
        _commands.WithLabels(verb, outcome.ToString().ToLowerInvariant()).Inc();

    public void Job(string job, bool succeeded, TimeSpan duration) =>
        _jobs.WithLabels(job, succeeded ? "succeeded" : "failed").Observe(duration.TotalSeconds);

    public void Judged(VerdictOutcome outcome) => _verdicts.WithLabels(outcome.ToString().ToLowerInvariant()).Inc();

    public void ChatError(string platform, string operation) => _chatErrors.WithLabels(platform, operation).Inc();

    public void ReplyGivenUp(string platform) => _givenUp.WithLabels(platform).Inc();

    public void QueueDepth(long enqueued, long scheduled)
    {
        _queue.WithLabels("enqueued").Set(enqueued);
        _queue.WithLabels("scheduled").Set(scheduled);
    }
}

namespace ChatOpsRelease.Commands.Ports;

/// <summary>The durable queue that carries out a release's work outside the chat request.</summary>
public interface IReleaseJobs
{
    /// <summary>Queues a job that carries out every open step of the release, in order. Returns the job's id.</summary>
    string EnqueueOpenSteps(string releaseId);

    /// <summary>
    /// Schedules a job for <paramref name="at"/> that ends the release's user rules whose time is up
    /// (<see cref="Handlers.RuleExpiry.ExpireAsync"/>). Returns the job's id.
    /// </summary>
    string ScheduleRuleExpiry(string releaseId, DateTimeOffset at);

    /// <summary>
    /// Schedules the next look of the release's watch (<see cref="Handlers.ReleaseWatch.LookAsync"/>) for
    /// <paramref name="at"/>. Returns the job's id.
    /// </summary>
    string ScheduleLook(string releaseId, DateTimeOffset at);

    /// <summary>
    /// Schedules the end of a pending approval request (<see cref="Consent.ApprovalExpiry.ExpireAsync"/>) for
    /// <paramref name="at"/>. Returns the job's id.
    /// </summary>
    string ScheduleApprovalExpiry(string releaseId, string approvalId, DateTimeOffset at);

    /// <summary>
    /// Schedules a timer of a scheduled promotion (<see cref="Consent.PromotionTimers.RingAsync"/>) for
    /// <paramref name="at"/>: its notice, or the promotion itself. Returns the job's id.
    /// </summary>
    string SchedulePromotionTimer(string releaseId, string scheduleId, PromotionTimer timer, DateTimeOffset at);

    /// <summary>
    /// Schedules the end of a blue-green release's keep time (<see cref="Handlers.OldColourRetirement.RetireAsync"/>) for
    /// <paramref name="at"/>: the old colour is retired then. Returns the job's id.
    /// </summary>
    string ScheduleRetire(string releaseId, DateTimeOffset at);

    /// <summary>Queues the job that writes a flag change to the cluster (<see cref="Flags.FlagChangeRunner.RunAsync"/>). Returns the job's id.</summary>
    string EnqueueFlagChange(string changeId);

    /// <summary>
    /// Schedules a flag change's timer (<see cref="Flags.FlagTimers.RingAsync"/>) for <paramref name="at"/>: the end of its
    /// pending approval request, or the end of the flag it set. Returns the job's id.
    /// </summary>
    string ScheduleFlagTimer(string changeId, FlagTimer timer, DateTimeOffset at);
}

/// <summary>Which moment of a flag change a timer marks.</summary>
public enum FlagTimer
{
    /// <summary>Its approval request expires if nobody decided it.</summary>
    RequestExpiry,

    /// <summary>The flag it set for a limited time turns off.</summary>
    FlagEnd,
}

/// <summary>Which moment of a scheduled promotion a timer marks.</summary>
public enum PromotionTimer
{
    /// <summary>The notice, a configured time before: Veto and Postpone buttons.</summary>
    Notice,

    /// <summary>The promotion itself.</summary>
    Promote,
}

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
}

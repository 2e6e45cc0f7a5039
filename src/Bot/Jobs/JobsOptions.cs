using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>The durable job queue. Section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often idle workers look for queued jobs; a queued job starts within about this long.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many jobs run at once in this process.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How long a job waits for another job of the same release to finish before it gives up and retries later.</summary>
    public TimeSpan ReleaseLockTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// On PostgreSQL: how long a job taken by a bot process that stopped answering (killed, cut off) stays with it
    /// before another process takes it over. A running job keeps renewing its hold, so this never cuts a long job short.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the job dashboard is served (open on loopback; elsewhere behind <c>Web:Auth</c>).</summary>
    public string DashboardPath { get; set; } = "/hangfire";
}

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var errors = new List<string>();
        if (options.QueuePollInterval <= TimeSpan.Zero || options.QueuePollInterval > TimeSpan.FromSeconds(15))
        {
            errors.Add($"Jobs:QueuePollInterval is {options.QueuePollInterval}; it must be positive and at most 15 s, or queued commands wait too long.");
        }

        if (options.WorkerCount is < 1 or > 64)
        {
            errors.Add("Jobs:WorkerCount must be between 1 and 64.");
        }

        if (options.ReleaseLockTimeout <= TimeSpan.Zero)
        {
            errors.Add("Jobs:ReleaseLockTimeout must be positive.");
        }

        if (options.InvisibilityTimeout < TimeSpan.FromSeconds(10))
        {
            errors.Add("Jobs:InvisibilityTimeout must be at least 10 s, or a busy process's jobs are taken over while they run.");
        }

        if (!options.DashboardPath.StartsWith('/'))
        {
            errors.Add("Jobs:DashboardPath must start with '/'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Records the release ids queued for their open steps; runs nothing by itself.</summary>
internal sealed class FakeReleaseJobs : IReleaseJobs
{
    private readonly List<string> _enqueued = [];

    public IReadOnlyList<string> Enqueued => _enqueued;

    /// <summary>When set, queuing throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Called as a job is queued, e.g. to see what was stored by then.</summary>
    public Action<string>? OnEnqueue { get; set; }

    public string EnqueueOpenSteps(string releaseId)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        OnEnqueue?.Invoke(releaseId);
        _enqueued.Add(releaseId);
        return $"job-{_enqueued.Count}";
    }
}

using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Records the release ids queued for their open steps; runs nothing by itself.</summary>
internal sealed class FakeReleaseJobs : IReleaseJobs
{
    private readonly List<string> _enqueued = [];

    public IReadOnlyList<string> Enqueued => _enqueued;

    public string EnqueueOpenSteps(string releaseId)
    {
        _enqueued.Add(releaseId);
        return $"job-{_enqueued.Count}";
    }
}

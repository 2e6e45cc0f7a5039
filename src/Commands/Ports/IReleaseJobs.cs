namespace ChatOpsRelease.Commands.Ports;

/// <summary>The durable queue that carries out a release's open steps outside the chat request.</summary>
public interface IReleaseJobs
{
    /// <summary>Queues a job that carries out every open step of the release, in order. Returns the job's id.</summary>
    string EnqueueOpenSteps(string releaseId);
}

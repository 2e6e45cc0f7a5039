using ChatOpsRelease.Commands.Handlers;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// At start-up, carries every unfinished release on (<see cref="RestartRecovery"/>): open steps queued again, the watch
/// of a baking step restarted, the thread told. A job with nothing to do finishes at once.
/// </summary>
internal sealed class OpenStepsRecovery(RestartRecovery recovery) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => recovery.ResumeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>
/// Host lifetime for the embedded server: it neither waits for nor reacts to process signals, so the
/// sandbox stops only when its owner disposes it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

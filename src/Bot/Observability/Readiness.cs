using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Commands.Ports;
using Hangfire;
using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>One readiness check's answer: <c>ok</c>, or what went wrong in a few words (an exception's type, never its text).</summary>
internal sealed record ReadinessCheck(string Name, bool Ready, string Status);

/// <summary>
/// Whether the bot can work: the release store answers, the job queue's storage answers and the main cluster's API
/// answers (<c>/version</c>), all checked side by side within <see cref="ObservabilityOptions.ReadinessTimeout"/>.
/// </summary>
internal sealed partial class Readiness(
    IReleaseStore store,
    JobStorage jobs,
    ClusterConnection cluster,
    IOptions<ObservabilityOptions> options,
    ILogger<Readiness> logger)
{
    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.ReadinessTimeout);
        return await Task.WhenAll(
            RunAsync("store", ct => store.ActiveAsync(ct), limit.Token),
            RunAsync("jobs", ct => Task.Run(() => jobs.GetMonitoringApi().ScheduledCount(), ct), limit.Token),
            RunAsync("cluster", async ct =>
            {
                using var client = cluster.CreateClient();
                await client.Version.GetCodeAsync(ct).ConfigureAwait(false);
            }, limit.Token)).ConfigureAwait(false);
    }

    private async Task<ReadinessCheck> RunAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        try
        {
            await check(cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new ReadinessCheck(name, true, "ok");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogNotReady(logger, name, "timed out", null);
            return new ReadinessCheck(name, false, "timed out");
        }
        catch (Exception ex)
        {
            LogNotReady(logger, name, ex.GetType().Name, ex);
            return new ReadinessCheck(name, false, $"failed ({ex.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the {Check} check {Problem}")]
    private static partial void LogNotReady(ILogger logger, string check, string problem, Exception? exception);
}

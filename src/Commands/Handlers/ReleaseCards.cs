using System.Collections.Concurrent;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// Redraws a release's status card on its platform from the release as stored now; a failure is logged, never
/// thrown. Draws of one release happen one at a time, so an older state never overwrites a newer one.
/// </summary>
public sealed partial class ReleaseCards(IEnumerable<IChatReplies> platforms, IReleaseStore store, ReleaseSettings settings, ILogger<ReleaseCards> logger)
{
    private readonly Dictionary<string, IChatReplies> _platforms = platforms.ToDictionary(p => p.Platform, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _drawing = new(StringComparer.Ordinal);

    public async Task ShowAsync(string releaseId, CancellationToken cancellationToken)
    {
        var gate = _drawing.GetOrAdd(releaseId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var release = await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false);
            if (release is null || !_platforms.TryGetValue(release.Conversation.Platform, out var platform))
            {
                return;
            }

            await platform.ShowReleaseAsync(release, ReleaseCard.For(release, settings.WeightLadder), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCardFailed(logger, releaseId, ex);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not draw the card of release {ReleaseId}")]
    private static partial void LogCardFailed(ILogger logger, string releaseId, Exception exception);
}

using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>Redraws a release's status card on its platform; a failure is logged, never thrown.</summary>
public sealed partial class ReleaseCards(IEnumerable<IChatReplies> platforms, IReleaseStore store, ReleaseSettings settings, ILogger<ReleaseCards> logger)
{
    private readonly Dictionary<string, IChatReplies> _platforms = platforms.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    public async Task ShowAsync(string releaseId, CancellationToken cancellationToken)
    {
        var release = await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false);
        if (release is null || !_platforms.TryGetValue(release.Conversation.Platform, out var platform))
        {
            return;
        }

        try
        {
            await platform.ShowReleaseAsync(release, ReleaseCard.For(release, settings.WeightLadder), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCardFailed(logger, release.Id, release.Conversation.ToString(), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not draw the card of release {ReleaseId} in {Conversation}")]
    private static partial void LogCardFailed(ILogger logger, string releaseId, string conversation, Exception exception);
}

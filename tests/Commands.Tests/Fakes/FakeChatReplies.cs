using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Records what was posted where, or throws when told to.</summary>
internal sealed class FakeChatReplies(string platform) : IChatReplies
{
    private readonly List<(ConversationRef Conversation, Reply Reply)> _posts = [];

    public string Platform => platform;

    public IReadOnlyList<(ConversationRef Conversation, Reply Reply)> Posts => _posts;

    /// <summary>Every card drawn, in order.</summary>
    public List<ReleaseCard> Cards { get; } = [];

    /// <summary>When set, drawing a card throws it.</summary>
    public Exception? CardFailure { get; set; }

    /// <summary>When set, posting throws it (and records nothing).</summary>
    public Exception? PostFailure { get; set; }

    public Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        if (PostFailure is not null)
        {
            throw PostFailure;
        }

        _posts.Add((conversation, reply));
        return Task.CompletedTask;
    }

    /// <summary>Every decision card posted, with the message id it was given.</summary>
    public List<(ConversationRef Conversation, string MessageId, DecisionCard Card)> Decisions { get; } = [];

    /// <summary>Every redraw of a decision card, in order.</summary>
    public List<(string MessageId, DecisionCard Card)> Redraws { get; } = [];

    public Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken)
    {
        var id = $"msg-{Decisions.Count + 1}";
        Decisions.Add((conversation, id, card));
        return Task.FromResult<string?>(id);
    }

    public Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken)
    {
        Redraws.Add((messageId, card));
        return Task.CompletedTask;
    }

    public Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken)
    {
        if (CardFailure is not null)
        {
            throw CardFailure;
        }

        Cards.Add(card);
        return Task.CompletedTask;
    }
}

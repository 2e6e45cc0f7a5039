using ChatOpsRelease.Bot.Chat.Outbox;
using ChatOpsRelease.Bot.Observability;
using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Outbox;

/// <summary>The outbox posts each reply once, in order per conversation, retrying with growing waits while the platform fails.</summary>
public sealed class ChatOutboxTests : IDisposable
{
    private static readonly ConversationRef Thread1 = new("slack", "C1", "100.1");
    private static readonly ConversationRef Thread2 = new("slack", "C1", "200.1");
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-outbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly FlakyPlatform _slack = new();
    private readonly LiteDbChatOutbox _outbox;
    private readonly OutboxReplies _replies;
    private readonly ChatOutboxWorker _worker;

    public ChatOutboxTests()
    {
        _outbox = Open();
        _replies = new OutboxReplies(_slack, _outbox, new OutboxSignal(), _time);
        _worker = Worker(_outbox);
    }

    [Fact]
    public async Task Replies_ArePostedInOrder_OnceEach()
    {
        await _replies.PostAsync(Thread1, Reply.Info("one"), default);
        await _replies.PostAsync(Thread1, Reply.Success("two"), default);

        Assert.Empty(_slack.Posted); // recorded, not yet posted: the caller did not wait for the platform
        while (await _worker.PostDueAsync(default) > 0)
        {
        }

        Assert.Equal(["one", "two"], _slack.Posted.Select(p => p.Reply.Text));
        Assert.Equal((Thread1, ReplyKind.Success), (_slack.Posted[1].Conversation, _slack.Posted[1].Reply.Kind));
        Assert.Equal(0, await _worker.PostDueAsync(default));
    }

    [Fact]
    public async Task WhileThePlatformFails_TheConversationWaits_WithGrowingWaits_AndOthersGoOn()
    {
        await _replies.PostAsync(Thread1, Reply.Info("first"), default);
        await _replies.PostAsync(Thread1, Reply.Info("second"), default);
        _slack.FailFor.Add("first");
        _slack.FailFor.Add("first");

        await _worker.PostDueAsync(default); // fails; next try in 1 s
        await _replies.PostAsync(Thread2, Reply.Info("elsewhere"), default);
        await _worker.PostDueAsync(default);
        Assert.Equal(["elsewhere"], _slack.Posted.Select(p => p.Reply.Text));

        _time.Advance(TimeSpan.FromSeconds(1));
        await _worker.PostDueAsync(default); // fails again; next try in 2 s
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _worker.PostDueAsync(default));
        _time.Advance(TimeSpan.FromSeconds(1));
        await _worker.PostDueAsync(default);
        await _worker.PostDueAsync(default);

        Assert.Equal(["elsewhere", "first", "second"], _slack.Posted.Select(p => p.Reply.Text));
        Assert.Equal(3, _slack.Attempts.Count(a => a == "first"));
    }

    [Fact]
    public async Task AReplyThatNeverGoesThrough_IsGivenUp_AndTheNextOneGoes()
    {
        var metrics = new BotMetrics();
        var worker = Worker(_outbox, maxAttempts: 3, metrics);
        await _replies.PostAsync(Thread1, Reply.Info("doomed"), default);
        await _replies.PostAsync(Thread1, Reply.Info("next"), default);
        _slack.FailFor.AddRange(Enumerable.Repeat("doomed", 10));

        for (var i = 0; i < 5; i++)
        {
            await worker.PostDueAsync(default);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, _slack.Attempts.Count(a => a == "doomed"));
        Assert.Equal(["next"], _slack.Posted.Select(p => p.Reply.Text));
        using var exported = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(exported);
        Assert.Contains("chatops_chat_replies_given_up_total{platform=\"slack\"} 1\n", System.Text.Encoding.UTF8.GetString(exported.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyNotYetPosted_IsPostedAfterARestart_WithItsChart()
    {
        var chart = new ReplyImage("compare.png", [1, 2, 3], "a chart", "Error rate");
        await _replies.PostAsync(Thread1, Reply.Failure("rolled back") with { Image = chart }, default);
        _outbox.Dispose();

        using var reopened = Open();
        await Worker(reopened).PostDueAsync(default);

        var posted = Assert.Single(_slack.Posted);
        Assert.Equal((ReplyKind.Failure, "rolled back", Thread1), (posted.Reply.Kind, posted.Reply.Text, posted.Conversation));
        Assert.Equal(("compare.png", "a chart", "Error rate"), (posted.Reply.Image!.FileName, posted.Reply.Image.AltText, posted.Reply.Image.Title));
        Assert.Equal([1, 2, 3], posted.Reply.Image.Png);
    }

    public void Dispose()
    {
        _outbox.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private LiteDbChatOutbox Open() => new(Options.Create(new StorageOptions { DataDirectory = _folder }), _time);

    private ChatOutboxWorker Worker(IChatOutbox outbox, int maxAttempts = 20, BotMetrics? metrics = null) => new(
        outbox,
        [new OutboxReplies(_slack, outbox, new OutboxSignal(), _time)],
        new OutboxSignal(),
        Options.Create(new OutboxOptions { MaxAttempts = maxAttempts }),
        _time,
        NullLogger<ChatOutboxWorker>.Instance,
        metrics);

    /// <summary>A platform that fails a post once for each time its text is listed in <see cref="FailFor"/>.</summary>
    private sealed class FlakyPlatform : IChatReplies
    {
        public string Platform => "slack";

        public List<string> FailFor { get; } = [];

        public List<string> Attempts { get; } = [];

        public List<(ConversationRef Conversation, Reply Reply)> Posted { get; } = [];

        public Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
        {
            lock (Posted)
            {
                Attempts.Add(reply.Text);
                if (FailFor.Remove(reply.Text))
                {
                    throw new HttpRequestException("503 Service Unavailable");
                }

                Posted.Add((conversation, reply));
            }

            return Task.CompletedTask;
        }

        public Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Tests.Support;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.SocketMode;

/// <summary>A Web API whose <c>apps.connections.open</c> hands out the fake server's addresses and counts the calls.</summary>
internal sealed class FakeSlackApi(FakeSlackSocket server) : ISlackApi
{
    private int _calls;

    public int OpenCalls => Volatile.Read(ref _calls);

    /// <summary>Runs before the n-th call (1-based) returns; may throw to fail it or wait to hold it back.</summary>
    public Func<int, Task>? BeforeOpen { get; set; }

    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        server.Changes.Notify();
        if (BeforeOpen is { } before)
        {
            await before(call).WaitAsync(cancellationToken);
        }

        return server.NewConnectionUrl();
    }

    public Task<SlackPosted> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateMessageAsync(string ts, SlackMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PostEphemeralAsync(string user, SlackMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> UploadFileAsync(SlackFileUpload upload, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RespondAsync(Uri responseUrl, string text, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>One delivery the inbound side received: which method, and the fields or payload.</summary>
internal sealed record Delivery(string Method, IReadOnlyDictionary<string, string>? Fields, JsonObject? Payload)
{
    public string? Text => Fields?.GetValueOrDefault("text");
}

/// <summary>Records deliveries; <see cref="Answer"/> decides each one's acknowledgement (and may wait or throw).</summary>
internal sealed class RecordingInbound : ISlackInbound
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ChangeSignal _changes = new();

    public Func<Delivery, CancellationToken, Task<SlackAck>> Answer { get; set; } = (_, _) => Task.FromResult(SlackAck.Empty);

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public IReadOnlyList<string?> CommandTexts => Deliveries.Where(d => d.Method == nameof(CommandAsync)).Select(d => d.Text).ToList();

    public Task<SlackAck> CommandAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        Record(new Delivery(nameof(CommandAsync), fields, null), cancellationToken);

    public Task<SlackAck> EventAsync(JsonObject envelope, CancellationToken cancellationToken) =>
        Record(new Delivery(nameof(EventAsync), null, envelope), cancellationToken);

    public Task<SlackAck> InteractionAsync(JsonObject payload, CancellationToken cancellationToken) =>
        Record(new Delivery(nameof(InteractionAsync), null, payload), cancellationToken);

    /// <summary>Waits until the slash command with <paramref name="text"/> was delivered (its answer may still be running).</summary>
    public Task WaitForCommandAsync(string text) =>
        _changes.WaitUntilAsync(() => CommandTexts.Contains(text), FakeSlackSocket.DefaultWait, $"the command '{text}'");

    private Task<SlackAck> Record(Delivery delivery, CancellationToken cancellationToken)
    {
        _deliveries.Enqueue(delivery);
        _changes.Notify();
        return Answer(delivery, cancellationToken);
    }
}

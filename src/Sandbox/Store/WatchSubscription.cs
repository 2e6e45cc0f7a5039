using System.Threading.Channels;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Store;

/// <summary>
/// A registered watcher: the events to send first, then every later commit for its resource type and
/// namespace. A watcher that falls too far behind is closed (its client re-lists, as with a real server).
/// </summary>
internal sealed class WatchSubscription : IDisposable
{
    private const int Capacity = 10_000;
    private readonly ObjectStore _store;
    private readonly Channel<StoreEvent> _channel = Channel.CreateBounded<StoreEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    public WatchSubscription(ObjectStore store, ResourceType type, string? @namespace, IReadOnlyList<StoreEvent> initial)
    {
        _store = store;
        Type = type;
        Namespace = @namespace;
        Initial = initial;
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    /// <summary>Replayed history or synthetic ADDED events for the current state.</summary>
    public IReadOnlyList<StoreEvent> Initial { get; }

    public ChannelReader<StoreEvent> Events => _channel.Reader;

    public bool Wants(StoreEvent e) => e.Resource == Type && (Namespace is null || Namespace == e.Facts.Namespace);

    /// <summary>Queues an event without blocking; closes the watch when the client cannot keep up.</summary>
    public void Offer(StoreEvent e)
    {
        if (!_channel.Writer.TryWrite(e))
        {
            _channel.Writer.TryComplete();
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        Complete();
        _store.Unsubscribe(this);
    }
}

using System.Globalization;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Selectors;

namespace ChatOpsRelease.Sandbox.Store;

/// <summary>Event history, watch subscriptions and ordered delivery of <see cref="Committed"/>.</summary>
internal sealed partial class ObjectStore
{
    private const int HistoryLimit = 4_096;
    private readonly Queue<StoreEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly Queue<StoreEvent> _undispatched = new();
    private readonly Lock _dispatchGate = new();
    private long _forgottenUpTo;
    private bool _closed;

    /// <summary>Raised after each commit, outside the store lock, in commit order.</summary>
    public event Action<StoreEvent>? Committed;

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>
    /// Registers a watcher. With a resourceVersion that history still covers, the events after it are replayed;
    /// otherwise (none, "0", too old or unparsable) the current objects are sent as ADDED first.
    /// </summary>
    public WatchSubscription Watch(ResourceType type, string? @namespace, string? resourceVersion)
    {
        lock (_gate)
        {
            var initial = new List<StoreEvent>();
            var replay = long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var since)
                && since > 0 && since >= _forgottenUpTo;
            if (replay)
            {
                initial.AddRange(_history.Where(e => e.ResourceVersion > since));
            }
            else
            {
                foreach (var obj in Scope(type, @namespace))
                {
                    initial.Add(new StoreEvent(StoreEvent.Added, type, _resourceVersion, obj.ToWire(), ObjectFacts.From(type, obj), null));
                }
            }

            var subscription = new WatchSubscription(this, type, @namespace, initial.Where(e => Wants(type, @namespace, e)).ToList());
            if (_closed)
            {
                subscription.Complete();
            }
            else
            {
                _watchers.Add(subscription);
            }

            return subscription;
        }
    }

    /// <summary>Ends every watch; later watches end at once.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var watcher in _watchers)
            {
                watcher.Complete();
            }

            _watchers.Clear();
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }
    }

    private static bool Wants(ResourceType type, string? @namespace, StoreEvent e) =>
        e.Resource == type && (@namespace is null || !type.Namespaced || e.Facts.Namespace == @namespace);

    /// <summary>Called under the lock by every commit.</summary>
    private void Publish(StoreEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > HistoryLimit)
        {
            _forgottenUpTo = _history.Dequeue().ResourceVersion;
        }

        foreach (var watcher in _watchers)
        {
            if (watcher.Wants(e))
            {
                watcher.Offer(e);
            }
        }

        _undispatched.Enqueue(e);
    }

    /// <summary>Raises <see cref="Committed"/> for queued events, one dispatcher at a time so order is kept.</summary>
    private void Dispatch()
    {
        lock (_dispatchGate)
        {
            while (true)
            {
                StoreEvent? next;
                lock (_gate)
                {
                    if (!_undispatched.TryDequeue(out next))
                    {
                        return;
                    }
                }

                Committed?.Invoke(next);
            }
        }
    }
}

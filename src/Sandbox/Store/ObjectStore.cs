using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Selectors;

namespace ChatOpsRelease.Sandbox.Store;

/// <summary>
/// The sandbox's etcd: every object by type, namespace and name, one global resourceVersion counter,
/// admission on every write, cascading deletes, and watch fan-out (see ObjectStore.Watch.cs).
/// One lock guards all state; callers only ever get copies.
/// </summary>
internal sealed partial class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Admission _admission;
    private readonly Dictionary<ResourceType, SortedDictionary<(string Namespace, string Name), JsonObject>> _objects = [];
    private long _resourceVersion;

    public ObjectStore(TimeProvider time)
    {
        _admission = new Admission(time);
        foreach (var type in ResourceTypes.All)
        {
            _objects[type] = new SortedDictionary<(string, string), JsonObject>();
        }
    }

    public JsonObject? Get(ResourceType type, string @namespace, string name)
    {
        lock (_gate)
        {
            return Find(type, @namespace, name)?.Copy();
        }
    }

    /// <summary>Copies of the matching objects (sorted by namespace, name) and the store's resourceVersion.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(ResourceType type, string? @namespace, Func<ObjectFacts, bool>? filter = null)
    {
        lock (_gate)
        {
            var items = Scope(type, @namespace)
                .Where(o => filter is null || filter(ObjectFacts.From(type, o)))
                .Select(o => o.Copy())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    public JsonObject Create(ResourceType type, string @namespace, JsonObject input, bool dryRun = false)
    {
        try
        {
            lock (_gate)
            {
                return CreateLocked(type, @namespace, input, dryRun);
            }
        }
        finally
        {
            Dispatch();
        }
    }

    /// <summary>Read-modify-write of an existing object; a write that changes nothing is not stored.</summary>
    public JsonObject Update(
        ResourceType type, string @namespace, string name, Func<JsonObject, JsonObject> change, bool statusOnly = false, bool dryRun = false)
    {
        try
        {
            lock (_gate)
            {
                var current = Find(type, @namespace, name) ?? throw StatusObjects.NotFound(type, name);
                return UpdateLocked(type, current, change(current.Copy()), statusOnly, dryRun);
            }
        }
        finally
        {
            Dispatch();
        }
    }

    /// <summary>Update when present, create otherwise (server-side apply).</summary>
    public (JsonObject Object, bool Created) Upsert(
        ResourceType type, string @namespace, string name, Func<JsonObject?, JsonObject> change, bool dryRun = false)
    {
        try
        {
            lock (_gate)
            {
                var current = Find(type, @namespace, name);
                return current is null
                    ? (CreateLocked(type, @namespace, change(null), dryRun), true)
                    : (UpdateLocked(type, current, change(current.Copy()), false, dryRun), false);
            }
        }
        finally
        {
            Dispatch();
        }
    }

    /// <summary>Deletes an object and, in cascade, everything that names it as owner. Returns the deleted object.</summary>
    public JsonObject Delete(
        ResourceType type,
        string @namespace,
        string name,
        string? expectedUid = null,
        string? expectedResourceVersion = null,
        bool cascade = true,
        bool dryRun = false)
    {
        try
        {
            lock (_gate)
            {
                var current = Find(type, @namespace, name) ?? throw StatusObjects.NotFound(type, name);
                if (!string.IsNullOrEmpty(expectedUid) && expectedUid != current.Uid())
                {
                    throw StatusObjects.PreconditionConflict(
                        type, name, $"Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {current.Uid()}");
                }

                if (!string.IsNullOrEmpty(expectedResourceVersion)
                    && expectedResourceVersion != current.ChildOrNull("metadata").Str("resourceVersion"))
                {
                    throw StatusObjects.Conflict(type, name);
                }

                return dryRun ? current.Copy() : DeleteLocked(type, current, cascade);
            }
        }
        finally
        {
            Dispatch();
        }
    }

    private JsonObject CreateLocked(ResourceType type, string @namespace, JsonObject input, bool dryRun)
    {
        var obj = _admission.PrepareCreate(type, @namespace, input);
        if (Find(type, obj.Namespace(), obj.Name()) is not null)
        {
            throw StatusObjects.AlreadyExists(type, obj.Name());
        }

        if (dryRun)
        {
            return obj;
        }

        if (type.Namespaced && Find(ResourceTypes.Namespace, "", @namespace) is null)
        {
            var ns = _admission.PrepareCreate(ResourceTypes.Namespace, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = @namespace } });
            Commit(ResourceTypes.Namespace, StoreEvent.Added, ns, null);
        }

        Commit(type, StoreEvent.Added, obj, null);
        return obj.Copy();
    }

    private JsonObject UpdateLocked(ResourceType type, JsonObject current, JsonObject desired, bool statusOnly, bool dryRun)
    {
        var updated = _admission.PrepareUpdate(type, current, desired, statusOnly);
        updated.Metadata()["resourceVersion"] = current.ChildOrNull("metadata").Str("resourceVersion");
        if (JsonNodes.SameAs(updated, current))
        {
            return current.Copy();
        }

        if (dryRun)
        {
            return updated;
        }

        Commit(type, StoreEvent.Modified, updated, current);
        return updated.Copy();
    }

    private JsonObject DeleteLocked(ResourceType type, JsonObject current, bool cascade)
    {
        Commit(type, StoreEvent.Deleted, current, null);
        if (!cascade)
        {
            return current.Copy();
        }

        var uid = current.Uid();
        foreach (var dependentType in ResourceTypes.All)
        {
            var dependents = _objects[dependentType].Values.Where(o => IsOwnedBy(o, uid)).ToList();
            foreach (var dependent in dependents)
            {
                DeleteLocked(dependentType, dependent, cascade: true);
            }
        }

        return current.Copy();
    }

    /// <summary>Stamps the next resourceVersion, stores (or removes) the object and publishes the event.</summary>
    private void Commit(ResourceType type, string eventType, JsonObject obj, JsonObject? previous)
    {
        var resourceVersion = ++_resourceVersion;
        obj.Metadata()["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        var key = (obj.Namespace(), obj.Name());
        if (eventType == StoreEvent.Deleted)
        {
            _objects[type].Remove(key);
        }
        else
        {
            _objects[type][key] = obj;
        }

        var facts = ObjectFacts.From(type, obj);
        var previousFacts = previous is null ? null : ObjectFacts.From(type, previous);
        Publish(new StoreEvent(eventType, type, resourceVersion, obj.ToWire(), facts, previousFacts));
    }

    private JsonObject? Find(ResourceType type, string @namespace, string name) =>
        _objects[type].GetValueOrDefault((type.Namespaced ? @namespace : "", name));

    private IEnumerable<JsonObject> Scope(ResourceType type, string? @namespace) =>
        @namespace is null || !type.Namespaced
            ? _objects[type].Values
            : _objects[type].Where(p => p.Key.Namespace == @namespace).Select(p => p.Value);

    private static bool IsOwnedBy(JsonObject obj, string uid) =>
        (obj.ChildOrNull("metadata").ArrayOrNull("ownerReferences") ?? [])
            .OfType<JsonObject>()
            .Any(r => r.Str("uid") == uid);
}

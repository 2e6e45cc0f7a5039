using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Selectors;

namespace ChatOpsRelease.Sandbox.Store;

/// <summary>
/// One committed write (or a synthetic ADDED for a watch's initial state). The object is kept as its
/// serialized JSON so that any number of watchers can use it concurrently.
/// </summary>
internal sealed record StoreEvent(
    string Type,
    ResourceType Resource,
    long ResourceVersion,
    string Json,
    ObjectFacts Facts,
    ObjectFacts? Previous)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}

using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Store;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>Status writes of the simulated controllers: through the status subresource, like any other status change.</summary>
internal static class StatusWrite
{
    /// <summary>
    /// Replaces the object's status with <paramref name="status"/> of its current one if it is still the same object
    /// (same uid); returns the stored result, or null when it is gone.
    /// </summary>
    public static JsonObject? Apply(ObjectStore store, ResourceType type, JsonObject obj, Func<JsonObject?, JsonObject> status)
    {
        try
        {
            return store.Update(type, obj.Namespace(), obj.Name(), current =>
            {
                if (current.Uid() == obj.Uid())
                {
                    current["status"] = status(current.ChildOrNull("status"));
                }

                return current;
            }, statusOnly: true);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return null;
        }
    }
}

using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Selectors;

/// <summary>
/// The parts of an object that selectors look at, captured once so that watches can filter
/// without touching the (not thread-safe) JSON tree.
/// </summary>
internal sealed record ObjectFacts(
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Fields)
{
    private static readonly string[] CommonFields = ["metadata.name", "metadata.namespace"];

    private static readonly string[] PodFields =
    [
        "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
        "spec.serviceAccountName", "status.phase", "status.podIP",
    ];

    private static readonly string[] NamespaceFields = ["metadata.name", "status.phase"];

    /// <summary>The field names that <c>fieldSelector</c> accepts for <paramref name="type"/>.</summary>
    public static IReadOnlyCollection<string> SupportedFields(ResourceType type) =>
        type == ResourceTypes.Pod ? PodFields : type == ResourceTypes.Namespace ? NamespaceFields : CommonFields;

    public static ObjectFacts From(ResourceType type, JsonObject obj)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in SupportedFields(type))
        {
            fields[field] = Lookup(obj, field);
        }

        return new ObjectFacts(obj.Namespace(), obj.Name(), obj.Labels(), fields);
    }

    /// <summary>True when both selectors accept the object.</summary>
    public bool Matches(LabelSelector labels, FieldSelector fields) => labels.Matches(Labels) && fields.Matches(Fields);

    private static string Lookup(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var part in dottedPath.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return JsonNodes.AsString(node) ?? "";
    }
}

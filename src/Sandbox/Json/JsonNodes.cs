using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Sandbox.Json;

/// <summary>Small helpers for reading and shaping Kubernetes objects held as <see cref="JsonObject"/>.</summary>
internal static class JsonNodes
{
    private static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON as sent to clients (quotes escaped as \", not \u0022).</summary>
    public static string ToWire(this JsonNode node) => node.ToJsonString(WireOptions);

    /// <summary>Returns the child object <paramref name="name"/>, creating (or replacing a non-object) when needed.</summary>
    public static JsonObject Child(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static JsonObject? ChildOrNull(this JsonObject? parent, string name) => parent?[name] as JsonObject;

    public static JsonArray? ArrayOrNull(this JsonObject? parent, string name) => parent?[name] as JsonArray;

    public static string? Str(this JsonObject? parent, string name) => AsString(parent?[name]);

    public static long? Long(this JsonObject? parent, string name) => AsLong(parent?[name]);

    public static bool? Bool(this JsonObject? parent, string name) =>
        parent?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : null;

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? AsLong(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static JsonObject Metadata(this JsonObject obj) => obj.Child("metadata");

    public static string Name(this JsonObject obj) => obj.ChildOrNull("metadata").Str("name") ?? "";

    public static string Namespace(this JsonObject obj) => obj.ChildOrNull("metadata").Str("namespace") ?? "";

    public static string Uid(this JsonObject obj) => obj.ChildOrNull("metadata").Str("uid") ?? "";

    /// <summary>Reads a string map such as labels; non-string values are skipped.</summary>
    public static Dictionary<string, string> StringMap(JsonObject? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }

        foreach (var (key, value) in map)
        {
            if (AsString(value) is { } s)
            {
                result[key] = s;
            }
        }

        return result;
    }

    public static Dictionary<string, string> Labels(this JsonObject obj) =>
        StringMap(obj.ChildOrNull("metadata").ChildOrNull("labels"));

    public static JsonObject ToJsonObject(IReadOnlyDictionary<string, string> map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>Deep copy that yields a fully materialised, independent tree.</summary>
    public static JsonObject Copy(this JsonObject obj) => (JsonObject)obj.DeepClone();

    /// <summary>Structural equality that ignores how numbers were produced.</summary>
    public static bool SameAs(JsonNode? a, JsonNode? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.ToJsonString() == b.ToJsonString()) || JsonNode.DeepEquals(a, b);

    /// <summary>Formats a time the way the API server does (RFC 3339, seconds, UTC).</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    /// <summary>JSON text with object members sorted by name at every level, for hashing.</summary>
    public static string Canonical(JsonNode? node)
    {
        var sorted = Sort(node);
        return sorted?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        _ => node?.DeepClone(),
    };
}

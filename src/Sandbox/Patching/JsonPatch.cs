using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Patching;

/// <summary>RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over a <see cref="JsonNode"/> tree.</summary>
internal static class JsonPatch
{
    /// <summary>Applies the operations in order to a copy of <paramref name="target"/>; throws <see cref="PatchException"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new PatchException("json patch must be a JSON array of operations", malformed: true);
        }

        var document = target?.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op.Str("op") is not { } name || op.Str("path") is not { } path)
            {
                throw new PatchException("each json patch operation needs \"op\" and \"path\"", malformed: true);
            }

            document = name switch
            {
                "add" => Add(document, path, Value(op)),
                "remove" => Remove(document, path, out _),
                "replace" => Add(Remove(document, path, out _), path, Value(op)),
                "move" => Move(document, From(op), path),
                "copy" => Add(document, path, Get(document, From(op))?.DeepClone()),
                "test" => Test(document, path, op["value"]),
                _ => throw new PatchException($"Unexpected kind: {name}", malformed: true),
            };
        }

        return document;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw new PatchException("missing value", malformed: true);

    private static string From(JsonObject op) => op.Str("from") ?? throw new PatchException("missing from", malformed: true);

    private static JsonNode? Move(JsonNode? document, string from, string path)
    {
        var value = Get(document, from)?.DeepClone();
        return Add(Remove(document, from, out _), path, value);
    }

    private static JsonNode? Test(JsonNode? document, string path, JsonNode? expected) =>
        JsonNodes.SameAs(Get(document, path), expected)
            ? document
            : throw new PatchException($"testing value {path} failed: test failed");

    private static JsonNode? Add(JsonNode? document, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array:
                array.Insert(Index(array, token, path, allowEnd: true), value);
                break;
            default:
                throw new PatchException($"add operation does not apply: doc is missing path: \"{path}\"");
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, string path, out JsonNode? removed)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                removed = obj[token];
                obj.Remove(token);
                break;
            case JsonArray array:
                var index = Index(array, token, path, allowEnd: false);
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw new PatchException($"doc is missing path: \"{path}\": missing value");
        }

        return document;
    }

    private static JsonNode? Get(JsonNode? document, string path)
    {
        var node = document;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject obj when obj.ContainsKey(token) => obj[token],
                JsonArray array => array[Index(array, token, path, allowEnd: false)],
                _ => throw new PatchException($"doc is missing path: \"{path}\": missing value"),
            };
        }

        return node;
    }

    private static (JsonNode? Parent, string Token) Parent(JsonNode? document, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            throw new PatchException("the root cannot be removed");
        }

        var parentPath = "/" + string.Join('/', tokens.Take(tokens.Count - 1).Select(Escape));
        var parent = tokens.Count == 1 ? document : Get(document, parentPath);
        return (parent, tokens[^1]);
    }

    private static int Index(JsonArray array, string token, string path, bool allowEnd)
    {
        var max = allowEnd ? array.Count : array.Count - 1;
        return int.TryParse(token, out var index) && index >= 0 && index <= max && (token == "0" || token[0] != '0')
            ? index
            : throw new PatchException($"Unable to access invalid index: {token} in path \"{path}\"");
    }

    private static List<string> Tokens(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw new PatchException($"JSON pointer must start with '/': \"{path}\"", malformed: true);
        }

        return [.. path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

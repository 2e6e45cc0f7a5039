using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Patching;

/// <summary>
/// RFC 7386 JSON Merge Patch, and the strategic-merge variant used for
/// <c>application/strategic-merge-patch+json</c> and server-side apply: lists of objects that carry a merge key
/// (containers, ports, env, volumes, conditions, ...) merge item by item, and the <c>$patch: delete|replace</c>
/// directives are honoured. Other <c>$</c>-directives are dropped.
/// </summary>
internal static class MergePatch
{
    /// <summary>Merges <paramref name="patch"/> into a copy of <paramref name="target"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool strategic) =>
        Merge(target?.DeepClone(), patch, strategic);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, bool strategic)
    {
        if (patch is not JsonObject patchObject)
        {
            return Clean(patch?.DeepClone());
        }

        if (strategic && patchObject.Str("$patch") is { } directive)
        {
            if (directive == "delete")
            {
                return null;
            }

            if (directive == "replace")
            {
                return Clean(patchObject.DeepClone());
            }
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (strategic && value is JsonArray patchList && MergeKey(patchList) is { } mergeKey)
            {
                result[key] = MergeList(result[key] as JsonArray, patchList, mergeKey);
            }
            else if (strategic && value is JsonArray list && list.OfType<JsonObject>().Any(IsReplaceDirective))
            {
                result[key] = Clean(new JsonArray([.. list.Where(i => i is not JsonObject o || !IsReplaceDirective(o)).Select(i => i?.DeepClone())]));
            }
            else if (value is JsonObject)
            {
                var merged = Merge(result[key]?.DeepClone(), value, strategic);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else
            {
                result[key] = Clean(value.DeepClone());
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, string mergeKey)
    {
        var items = patch.OfType<JsonObject>().ToList();
        if (items.Any(IsReplaceDirective))
        {
            return new JsonArray([.. items.Where(i => !IsReplaceDirective(i)).Select(i => Clean(i.DeepClone()))]);
        }

        var result = new JsonArray([.. (target ?? []).Select(i => i?.DeepClone())]);
        foreach (var item in items)
        {
            var key = item[mergeKey];
            var existing = result.OfType<JsonObject>().FirstOrDefault(i => key is not null && JsonNodes.SameAs(i[mergeKey], key));
            if (item.Str("$patch") == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                result.Add(Clean(item.DeepClone()));
            }
            else
            {
                var index = result.IndexOf(existing);
                result[index] = Merge(existing.DeepClone(), item, strategic: true);
            }
        }

        return result;
    }

    /// <summary>The merge key of a list of objects, judged from its items (as the API's patchMergeKey tags would say).</summary>
    private static string? MergeKey(JsonArray list)
    {
        var items = list.OfType<JsonObject>().Where(i => !IsReplaceDirective(i)).ToList();
        if (items.Count == 0 || items.Count != list.Count(i => i is not JsonObject o || !IsReplaceDirective(o)))
        {
            return null;
        }

        foreach (var candidate in (string[])["containerPort", "name", "port", "mountPath", "devicePath", "type", "uid", "ip", "topologyKey"])
        {
            if (items.All(i => i.ContainsKey(candidate)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsReplaceDirective(JsonObject item) => item.Count == 1 && item.Str("$patch") == "replace";

    /// <summary>Drops <c>$</c>-directives (and null members) from a subtree that is copied in whole.</summary>
    private static JsonNode? Clean(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key.StartsWith('$') || obj[key] is null)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        Clean(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Clean(item);
                }

                break;
        }

        return node;
    }
}

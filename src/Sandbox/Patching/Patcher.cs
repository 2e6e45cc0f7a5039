using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Patching;

/// <summary>The PATCH content types the API accepts, and how each is applied to a stored object.</summary>
internal static class Patcher
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>
    /// Parses a patch body for the given media type; 400 when malformed, 415 for unknown types (and for strategic
    /// merge patch on a <paramref name="custom"/> resource, which has no patch strategy to follow).
    /// </summary>
    public static JsonNode? ParseBody(string mediaType, string body, bool custom = false)
    {
        try
        {
            return mediaType switch
            {
                ApplyPatchType => YamlReader.Parse(body),
                StrategicMergePatchType when custom => throw StatusObjects.UnsupportedMediaType(mediaType, strategicMerge: false),
                JsonPatchType or MergePatchType or StrategicMergePatchType => JsonNode.Parse(body),
                _ => throw StatusObjects.UnsupportedMediaType(mediaType, strategicMerge: !custom),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw StatusObjects.BadRequest($"error decoding patch: {e.Message}");
        }
    }

    /// <summary>
    /// Applies a parsed patch to a copy of <paramref name="current"/> (null when creating through apply). Server-side
    /// apply to a <paramref name="custom"/> resource treats its lists as atomic, as a CRD schema without list markers does.
    /// </summary>
    public static JsonObject Apply(string mediaType, JsonObject? current, JsonNode? patch, bool custom = false)
    {
        try
        {
            var result = mediaType switch
            {
                JsonPatchType => JsonPatch.Apply(current, patch),
                MergePatchType => MergePatch.Apply(current, patch, strategic: false),
                ApplyPatchType when custom => MergePatch.Apply(current, RequireObject(patch), strategic: false),
                _ => MergePatch.Apply(current, RequireObject(patch), strategic: true),
            };
            return result as JsonObject ?? throw new PatchException("the patch did not produce a JSON object");
        }
        catch (PatchException e) when (e.Malformed)
        {
            throw StatusObjects.BadRequest(e.Message);
        }
        catch (PatchException e)
        {
            throw new ApiException(422, "Invalid", e.Message);
        }
    }

    private static JsonObject RequireObject(JsonNode? patch) =>
        patch as JsonObject ?? throw new PatchException("the patch must be a JSON object", malformed: true);
}

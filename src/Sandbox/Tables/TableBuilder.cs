using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Tables;

/// <summary>Builds <c>meta.k8s.io/v1</c> Tables, as answered when a client's Accept header asks for <c>as=Table</c>.</summary>
internal static class TableBuilder
{
    /// <param name="includeObject">The <c>includeObject</c> query value: None, Metadata (default) or Object.</param>
    public static JsonObject Build(
        ResourceType type, IEnumerable<JsonObject> objects, string? resourceVersion, string? includeObject, DateTimeOffset now)
    {
        var columns = new JsonArray();
        foreach (var (name, columnType, priority, description) in TableColumns.For(type))
        {
            var column = new JsonObject { ["name"] = name, ["type"] = columnType, ["format"] = name == "Name" ? "name" : "" };
            column["description"] = description;
            column["priority"] = priority;
            columns.Add(column);
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = TableColumns.Cells(type, obj, now) };
            if (RowObject(obj, includeObject) is { } rowObject)
            {
                row["object"] = rowObject;
            }

            rows.Add(row);
        }

        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonObject? RowObject(JsonObject obj, string? includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => obj.Copy(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj.ChildOrNull("metadata")?.DeepClone() ?? new JsonObject(),
        },
    };
}

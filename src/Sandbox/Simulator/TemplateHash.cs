using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>The <c>pod-template-hash</c> of a pod template: 10 characters, stable for equal templates.</summary>
internal static class TemplateHash
{
    public const string Label = "pod-template-hash";

    public static string Compute(JsonObject? template)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(JsonNodes.Canonical(template)))
        {
            hash ^= b;
            hash *= prime;
        }

        return Names.Encode(hash, 10);
    }
}

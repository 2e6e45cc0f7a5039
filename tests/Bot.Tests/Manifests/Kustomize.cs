using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>Runs the real kubectl's kustomize on a folder of manifests and reads what it renders.</summary>
internal static class Kustomize
{
    /// <summary>The repository's file at <paramref name="parts"/> (a path below the repository root).</summary>
    public static string PathOf(params string[] parts) => Path.Combine([AgentsPlayground.FindRepositoryRoot(), .. parts]);

    /// <summary>What <c>kubectl kustomize</c> prints for <paramref name="folder"/> (below the repository root).</summary>
    public static Task<string> RenderTextAsync(string folder) => KubectlAsync("kustomize", PathOf(folder));

    /// <summary>The objects <c>kubectl kustomize</c> renders for <paramref name="folder"/>, as JSON (every scalar a string).</summary>
    public static async Task<Rendered> RenderAsync(string folder) => Rendered.Parse(await RenderTextAsync(folder));

    public static async Task<string> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, await errors);
        return await output;
    }
}

/// <summary>Rendered Kubernetes objects.</summary>
internal sealed class Rendered(IReadOnlyList<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>Each YAML document of <paramref name="yaml"/> as a JSON object.</summary>
    public static Rendered Parse(string yaml)
    {
        var reader = new DeserializerBuilder().Build();
        var writer = new SerializerBuilder().JsonCompatible().Build();
        var objects = new List<JsonObject>();
        using var text = new StringReader(yaml);
        var parser = new Parser(text);
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = reader.Deserialize<object>(parser);
            objects.Add(JsonNode.Parse(writer.Serialize(document))!.AsObject());
        }

        return new Rendered(objects);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The one object of <paramref name="kind"/> (and <paramref name="name"/> when given).</summary>
    public JsonObject Single(string kind, string? name = null) =>
        Assert.Single(OfKind(kind), o => name is null || (string?)o["metadata"]!["name"] == name);
}

using Xunit;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>The example apps in manifests/examples build with the real kubectl's kustomize, with the objects the routers expect.</summary>
public sealed class ExampleManifestsTests
{
    [Theory]
    [InlineData("replicas", "Deployment", "checkout")]
    [InlineData("nginx", "Ingress", "payments")]
    [InlineData("gateway", "HTTPRoute", "search")]
    public async Task Example_BuildsWithKustomize(string folder, string entryKind, string app)
    {
        var output = await Kustomize.RenderTextAsync(Path.Combine("manifests", "examples", folder));

        Assert.Contains($"kind: {entryKind}", output, StringComparison.Ordinal);
        Assert.Contains($"name: {app}", output, StringComparison.Ordinal);
        Assert.Contains("namespace: shop", output, StringComparison.Ordinal);
        Assert.DoesNotContain("track:", output, StringComparison.Ordinal);
    }
}

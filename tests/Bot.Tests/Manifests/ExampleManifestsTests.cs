using System.Diagnostics;
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
        var output = await KubectlAsync("kustomize", Path.Combine(RepositoryRoot(), "manifests", "examples", folder));

        Assert.Contains($"kind: {entryKind}", output, StringComparison.Ordinal);
        Assert.Contains($"name: {app}", output, StringComparison.Ordinal);
        Assert.Contains("namespace: shop", output, StringComparison.Ordinal);
        Assert.DoesNotContain("track:", output, StringComparison.Ordinal);
    }

    private static async Task<string> KubectlAsync(params string[] args)
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

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatOpsRelease.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with ChatOpsRelease.sln) was not found above the test's folder.");
    }
}

using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>Mistakes in Kubernetes:Clusters stop the bot at start-up with sentences that name the setting.</summary>
public sealed class ClusterValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-clusters-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnExtraClusterNamedLikeTheMainOne_IsRefused()
    {
        var failures = await StartupFailuresAsync(new() { ["Kubernetes:Clusters:Sandbox:Context"] = "x" });

        Assert.Contains("Kubernetes:Clusters:Sandbox has the main cluster's name ('sandbox'); each cluster needs its own name.", failures);
    }

    [Fact]
    public async Task TwoExtraClustersDifferingOnlyInCase_AreRefused()
    {
        var failures = await StartupFailuresAsync(
            new() { ["Kubernetes:Clusters:frankfurt:Context"] = "frankfurt" },
            services => services.Configure<KubernetesOptions>(o => o.Clusters["Frankfurt"] = new ClusterOptions { Context = "frankfurt" }));

        Assert.Contains("Kubernetes:Clusters:frankfurt and Kubernetes:Clusters:Frankfurt differ only in case; cluster names ignore case, so each cluster needs its own name.", failures);
    }

    [Fact]
    public async Task OnAKubeconfig_AnExtraClusterWithoutAContext_IsRefused()
    {
        var failures = await StartupFailuresAsync(OnKubeconfig(new() { ["Kubernetes:Clusters:frankfurt:KubeconfigPath"] = Kubeconfig() }));

        Assert.Contains("Kubernetes:Clusters:frankfurt:Context is empty; off the sandbox each extra cluster is reached through a kubeconfig context.", failures);
    }

    [Fact]
    public async Task OnAKubeconfig_TheMainNameIsItsCurrentContext_AndContextsAndFilesMustExist()
    {
        var missing = Path.Combine(_folder, "missing");
        var failures = await StartupFailuresAsync(OnKubeconfig(new()
        {
            ["Kubernetes:Clusters:lab:Context"] = "other",
            ["Kubernetes:Clusters:frankfurt:Context"] = "nowhere",
            ["Kubernetes:Clusters:virginia:Context"] = "virginia",
            ["Kubernetes:Clusters:virginia:KubeconfigPath"] = missing,
            ["Kubernetes:Clusters:tokyo city:Context"] = "lab",
        }));

        Assert.Contains("Kubernetes:Clusters:lab has the main cluster's name ('lab'); each cluster needs its own name.", failures);
        Assert.Contains($"Kubernetes:Clusters:frankfurt:Context 'nowhere' is not a context of {Kubeconfig()}.", failures);
        Assert.Contains($"Kubernetes:Clusters:virginia:KubeconfigPath '{missing}' does not exist.", failures);
        Assert.Contains("Kubernetes:Clusters:tokyo city is not a valid cluster name: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit.", failures);
        Assert.Equal(4, failures.Count(f => f.StartsWith("Kubernetes:Clusters:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task InCluster_AnExtraClusterNeedsAKubeconfig()
    {
        var failures = await StartupFailuresAsync(new() { ["Kubernetes:Source"] = "in-cluster", ["Kubernetes:Clusters:frankfurt:Context"] = "frankfurt" });

        Assert.Contains("Kubernetes:Clusters:frankfurt has no kubeconfig: set Kubernetes:Clusters:frankfurt:KubeconfigPath or Kubernetes:KubeconfigPath.", failures);
    }

    /// <summary>A kubeconfig whose current context is "lab" (the file is only read, never connected to).</summary>
    private string Kubeconfig()
    {
        var path = Path.Combine(_folder, "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: lab
              cluster:
                server: http://127.0.0.1:9
            contexts:
            - name: lab
              context:
                cluster: lab
                user: lab
            - name: other
              context:
                cluster: lab
                user: lab
            current-context: lab
            users:
            - name: lab
              user:
                token: t
            """);
        return path;
    }

    private Dictionary<string, string?> OnKubeconfig(Dictionary<string, string?> settings)
    {
        settings["Kubernetes:Source"] = "kubeconfig";
        settings["Kubernetes:KubeconfigPath"] = Kubeconfig();
        return settings;
    }

    private static async Task<IReadOnlyList<string>> StartupFailuresAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? replaceServices = null)
    {
        var error = await Assert.ThrowsAsync<AggregateException>(async () =>
        {
            await using var host = await BotTestHost.CreateAsync(string.Empty, settings, replaceServices: replaceServices);
        });

        return [.. error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
    }
}

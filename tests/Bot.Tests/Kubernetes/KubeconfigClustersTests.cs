using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>Off the sandbox, an extra cluster is another context of the kubeconfig, and the bot's tools for it reach that cluster only.</summary>
public sealed class KubeconfigClustersTests
{
    [Fact]
    public async Task AnExtraCluster_IsAContextOfTheMainKubeconfig_NamedByItsKey()
    {
        await using var europe = await SandboxFixture.StartAsync();
        await using var america = await SandboxFixture.StartAsync();
        var folder = Directory.CreateTempSubdirectory("chatops-contexts-").FullName;
        try
        {
            var kubeconfig = SandboxCluster.WriteKubeconfig(Path.Combine(folder, "config"), [new("eu-prod", europe.Sandbox), new("us-prod", america.Sandbox)]);
            await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?>
            {
                ["Kubernetes:Source"] = "kubeconfig",
                ["Kubernetes:KubeconfigPath"] = kubeconfig,
                ["Kubernetes:Clusters:virginia:Context"] = "us-prod",
            });
            var clusters = host.App.Services.GetRequiredService<IClusters>();
            var app = SandboxFixture.Checkout;
            await america.Sandbox.SeedAsync([new SandboxWorkload("shop", "checkout-canary", 1, "registry.example/checkout:v2.0.0", "checkout-canary")], CancellationToken.None);

            var inVirginia = await clusters.Find("virginia")!.Workloads.ReadAsync(app, CancellationToken.None);
            var inMain = await clusters.Find("eu-prod")!.Workloads.ReadAsync(app, CancellationToken.None);

            Assert.Equal(["eu-prod", "virginia"], clusters.Names);
            Assert.Equal("eu-prod", clusters.Default);
            Assert.NotNull(inVirginia.Canary);
            Assert.NotNull(inMain.Stable);
            Assert.Null(inMain.Canary);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

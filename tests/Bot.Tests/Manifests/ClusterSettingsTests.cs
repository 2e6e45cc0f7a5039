using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>The appsettings.json of the rendered ConfigMap, in place of the image's, passes the bot's start-up checks.</summary>
public sealed class ClusterSettingsTests
{
    [Fact]
    public async Task RenderedSettings_ReplacingTheImagesAppsettings_StartTheBot()
    {
        var settings = (string)(await Kustomize.RenderAsync(BotManifestsTests.Embedded)).Single("ConfigMap")["data"]!["appsettings.json"]!;
        var data = Directory.CreateTempSubdirectory("chatops-cluster-settings-").FullName;
        try
        {
            // Only where the cluster is differs: a test runs in no pod, so the sandbox stands in for the in-cluster API.
            await using var app = await BotHost.CreateAsync([], builder =>
            {
                var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
                var file = sources.Select((s, i) => (Source: s, Index: i)).Single(s => s.Source is JsonConfigurationSource { Path: "appsettings.json" }).Index;
                sources[file] = new JsonStreamConfigurationSource { Stream = new MemoryStream(Encoding.UTF8.GetBytes(settings)) };
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Kubernetes:Source"] = "sandbox",
                    ["Storage:DataDirectory"] = data,
                    ["Sandbox:KubeconfigPath"] = Path.Combine(data, "sandbox.kubeconfig"),
                    ["Urls"] = "http://127.0.0.1:0",
                });
            });

            Assert.Equal("production", app.Services.GetRequiredService<ChatOpsRelease.Bot.Kubernetes.ClusterInfo>().Name);
            Assert.False(app.Configuration.GetValue<bool>("Chat:Console:Enabled"));
            Assert.Null(app.Configuration["Apps:payments:Namespace"]);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

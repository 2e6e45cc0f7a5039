using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Sandbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web;

/// <summary><c>/readyz</c>: ready while the store, the job queue and the cluster answer; 503 naming the one that does not.</summary>
public sealed class ReadinessEndpointTests
{
    [Fact]
    public async Task Readyz_IsReady_ThenNamesTheCluster_OnceItsApiIsGone()
    {
        var cluster = await SandboxFixture.StartAsync();
        var folder = Directory.CreateTempSubdirectory("chatops-readyz-").FullName;
        try
        {
            var kubeconfig = SandboxCluster.WriteKubeconfig(Path.Combine(folder, "config"), [new("eu-prod", cluster.Sandbox)]);
            await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?>
            {
                ["Chat:Console:Enabled"] = "false",
                ["Kubernetes:Source"] = "kubeconfig",
                ["Kubernetes:KubeconfigPath"] = kubeconfig,
                ["Observability:ReadinessTimeout"] = "00:00:03",
            });
            await host.App.StartAsync();
            using var http = Client(host);

            var (readyStatus, ready) = await ReadyzAsync(http);
            await cluster.Sandbox.DisposeAsync();
            var (goneStatus, gone) = await ReadyzAsync(http);

            Assert.Equal(HttpStatusCode.OK, readyStatus);
            Assert.Equal("""{"status":"ready","failed":[],"checks":{"store":"ok","jobs":"ok","cluster":"ok"}}""", ready.ToJsonString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, goneStatus);
            Assert.Equal("not ready", (string?)gone["status"]);
            Assert.Equal(["cluster"], gone["failed"]!.AsArray().Select(n => (string?)n));
            Assert.Equal(("ok", "ok"), ((string?)gone["checks"]!["store"], (string?)gone["checks"]!["jobs"]));
            Assert.DoesNotContain("127.0.0.1", gone.ToJsonString(), StringComparison.Ordinal);
            await host.App.StopAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Readyz_NamesTheStore_WhenItFails()
    {
        var broken = new StrongBox<bool>();
        await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?> { ["Chat:Console:Enabled"] = "false" },
            replaceServices: services =>
            {
                var registered = services.Last(d => d.ServiceType == typeof(IReleaseStore));
                services.Remove(registered);
                services.AddSingleton(sp => BreakableStore.Around((IReleaseStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), broken));
            });
        await host.App.StartAsync();
        using var http = Client(host);

        var (before, _) = await ReadyzAsync(http);
        broken.Value = true;
        var (after, body) = await ReadyzAsync(http);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after);
        Assert.Equal(["store"], body["failed"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("failed (IOException)", (string?)body["checks"]!["store"]);
        Assert.DoesNotContain("disk on fire", body.ToJsonString(), StringComparison.Ordinal);
        await host.App.StopAsync();
    }

    private static HttpClient Client(BotTestHost host) =>
        new() { BaseAddress = new Uri(host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadyzAsync(HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync("/readyz", timeout.Token);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!.AsObject());
    }

    /// <summary>A release store that fails every call once <c>broken</c> is set.</summary>
    public class BreakableStore : DispatchProxy
    {
        private IReleaseStore _inner = null!;
        private StrongBox<bool> _broken = null!;

        public static IReleaseStore Around(IReleaseStore inner, StrongBox<bool> broken)
        {
            var proxy = Create<IReleaseStore, BreakableStore>();
            var store = (BreakableStore)(object)proxy;
            store._inner = inner;
            store._broken = broken;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            _broken.Value ? throw new IOException("disk on fire") : targetMethod!.Invoke(_inner, args);
    }
}

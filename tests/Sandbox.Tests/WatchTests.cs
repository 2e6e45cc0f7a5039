using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class WatchTests : SandboxTestBase
{
    [Fact]
    public async Task Watch_ReceivesAddedModifiedDeletedForADeployment()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var list = await Client.AppsV1.ListNamespacedDeploymentAsync("shop", cancellationToken: cts.Token);
        var events = new List<(WatchEventType Type, V1Deployment Object)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in Client.AppsV1.WatchListNamespacedDeploymentAsync(
                "shop", fieldSelector: "metadata.name=web", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                lock (events)
                {
                    events.Add((type, item));
                }

                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, cts.Token);

        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop", cancellationToken: cts.Token);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("other"), "shop", cancellationToken: cts.Token);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "web", "shop", cancellationToken: cts.Token);
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "shop", cancellationToken: cts.Token);
        await watching.WaitAsync(cts.Token);

        lock (events)
        {
            Assert.Equal(WatchEventType.Added, events[0].Type);
            Assert.Contains(events, e => e.Type == WatchEventType.Modified && e.Object.Spec.Replicas == 2);
            Assert.Equal(WatchEventType.Deleted, events[^1].Type);
            Assert.All(events, e => Assert.Equal("web", e.Object.Metadata.Name));
            Assert.All(events, e => Assert.Equal("Deployment", e.Object.Kind));
        }
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithAddedForCurrentObjects()
    {
        await SeedCheckoutAsync();
        using var cts = new CancellationTokenSource(Deadline);

        await foreach (var (type, item) in Client.AppsV1.WatchListNamespacedDeploymentAsync("shop", cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            Assert.Equal("checkout", item.Metadata.Name);
            break;
        }
    }

    [Fact]
    public async Task Watch_WithOldResourceVersion_ReplaysHistory()
    {
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":{"v":"2"}}}""", V1Patch.PatchType.MergePatch), "web", "shop");
        using var cts = new CancellationTokenSource(Deadline);

        await foreach (var (type, item) in Client.AppsV1.WatchListNamespacedDeploymentAsync(
            "shop", resourceVersion: created.Metadata.ResourceVersion, labelSelector: "v=2", cancellationToken: cts.Token))
        {
            // The label change moves the object into the selection, so the watcher sees it as ADDED.
            Assert.Equal(WatchEventType.Added, type);
            Assert.Equal("2", item.Metadata.Labels["v"]);
            break;
        }
    }

    [Fact]
    public async Task Watch_WithTimeoutSeconds_EndsTheStream()
    {
        await SeedCheckoutAsync();
        using var cts = new CancellationTokenSource(Deadline);
        var started = DateTime.UtcNow;
        var count = 0;

        await foreach (var _ in Client.CoreV1.WatchListNamespacedServiceAsync("shop", timeoutSeconds: 1, cancellationToken: cts.Token))
        {
            count++;
        }

        Assert.Equal(1, count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task Watch_EndsWhenTheSandboxStops()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var stream = Client.CoreV1.WatchListServiceForAllNamespacesAsync(cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var next = stream.MoveNextAsync().AsTask();
        await Task.Delay(100, cts.Token);

        await Sandbox.DisposeAsync();

        try
        {
            Assert.False(await next.WaitAsync(cts.Token));
        }
        catch (HttpRequestException)
        {
            // A closed connection may also surface as an error; either way the watch ended.
        }
        catch (IOException)
        {
        }

        Assert.False(cts.IsCancellationRequested);
        await stream.DisposeAsync();
    }
}

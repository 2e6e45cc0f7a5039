using System.Net;
using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

/// <summary>
/// Blue-green releases on every router against the sandbox's API server: the live Service's endpoints (the ready pods its
/// selector matches) are on one colour at a time and never empty, the preview reaches the new colour alone, and retiring
/// or switching back leaves what a finished canary release leaves.
/// </summary>
public sealed class BlueGreenRoutersTests
{
    public static TheoryData<string> Routers => [ReplicaRatioRouter.ProviderName, NginxIngressRouter.ProviderName, GatewayRouter.ProviderName];

    public static TheoryData<string, int?> RoutersAndKeptPods => new()
    {
        { ReplicaRatioRouter.ProviderName, null },
        { ReplicaRatioRouter.ProviderName, 1 },
        { NginxIngressRouter.ProviderName, null },
        { NginxIngressRouter.ProviderName, 2 },
        { GatewayRouter.ProviderName, null },
        { GatewayRouter.ProviderName, 0 },
    };

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task Preview_TheLiveServiceKeepsTheOldColour_ThePreviewReachesTheNewOneAtFullSize(string name)
    {
        await using var run = await BlueGreenRun.AfterAsync(name, null);
        var (cluster, app, release) = (run.Cluster, run.App, run.Release);

        var changes = (await run.ApplyAsync(TrafficTarget.Preview)).ToList();

        Assert.Equal(Colour(app.Deployment, release.FromImage, 4), Colours(await run.LiveAsync()));
        Assert.Equal(Colour(app.CanaryDeployment, release.ToImage, 4), Colours(await ServiceEndpoints.OfAsync(cluster, "shop", app.CanaryService)));
        Assert.Equal((4, 4, release.ToImage), BlueGreen.Deployment(cluster, app.CanaryDeployment));
        Assert.Equal("stable", BlueGreen.LiveTrack(cluster, app));
        run.Watch.AssertEach(s => s.Count > 0 && s.All(e => e.Deployment == app.Deployment));
        Assert.True(changes.FindIndex(c => c.Field == "spec.selector.track") < changes.FindIndex(c => c.Object == $"Deployment shop/{app.CanaryDeployment}"), string.Join(" | ", changes));
        BlueGreen.AssertPreviewRoute(cluster, app, name);
        Assert.Empty(await run.ApplyAsync(TrafficTarget.Preview));
    }

    [Theory]
    [MemberData(nameof(RoutersAndKeptPods))]
    public async Task Switched_EveryLiveRequestGoesToTheNewColour_AndTheOldKeepsItsPods(string name, int? kept)
    {
        await using var run = await BlueGreenRun.AfterAsync(name, kept, TrafficTarget.Preview);
        var (cluster, app, release) = (run.Cluster, run.App, run.Release);

        var changes = await run.ApplyAsync(TrafficTarget.Switched);

        Assert.Equal(Colour(app.CanaryDeployment, release.ToImage, 4), Colours(await run.LiveAsync()));
        Assert.Equal((release.OldReplicas, release.OldReplicas, release.FromImage), BlueGreen.Deployment(cluster, app.Deployment));
        Assert.Equal("canary", BlueGreen.LiveTrack(cluster, app));
        run.Watch.AssertEach(s => s.Count == 4 && s.Select(e => e.Deployment).Distinct().Count() == 1);
        Assert.Contains(new ClusterChange($"Service shop/{app.Service}", "spec.selector.track", "stable", "canary"), changes);
        Assert.Equal(kept is null or 4, !changes.Any(c => c.Object == $"Deployment shop/{app.Deployment}"));
        BlueGreen.AssertPreviewRoute(cluster, app, name);
        Assert.Empty(await run.ApplyAsync(TrafficTarget.Switched));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task Switched_WithoutAPreviewFirst_BringsTheNewColourUpBesideTheLiveOneBeforeMovingAnyRequest(string name)
    {
        await using var run = await BlueGreenRun.AfterAsync(name, null);
        var (app, release) = (run.App, run.Release);

        await run.ApplyAsync(TrafficTarget.Switched);

        Assert.Equal(Colour(app.CanaryDeployment, release.ToImage, 4), Colours(await run.LiveAsync()));
        run.Watch.AssertEach(s => s.Count >= 4 && s.Select(e => e.Deployment).Distinct().Count() == 1);
        Assert.All(run.Watch.Samples.TakeWhile(s => s[0].Deployment == app.Deployment), s => Assert.Equal(release.FromImage, s[0].Image));
        Assert.Empty(await run.ApplyAsync(TrafficTarget.Switched));
    }

    [Fact]
    public async Task Switched_AConflictOnTheLiveService_IsRetriedFromAFreshRead_KeepingTheOtherChange()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var (app, release) = BlueGreen.Of(ReplicaRatioRouter.ProviderName);
        await cluster.Router(ReplicaRatioRouter.ProviderName).ChangeAsync(app, release, TrafficTarget.Preview, ChangeMode.Apply, default);
        using var interferer = new StaleWriteInterferer(cluster.Sandbox.BaseAddress, $"/api/v1/namespaces/{app.Namespace}/services/{app.Service}");

        await cluster.Router(ReplicaRatioRouter.ProviderName, interferer).ChangeAsync(app, release, TrafficTarget.Switched, ChangeMode.Apply, default);

        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.OK], interferer.PutResults);
        Assert.Equal("canary", BlueGreen.LiveTrack(cluster, app));
        Assert.Equal("someone-else", (string?)cluster.Sandbox.GetObject("Service", "shop", app.Service)!["metadata"]!["annotations"]!["touched-by"]);
    }

    [Theory]
    [MemberData(nameof(RoutersAndKeptPods))]
    public async Task RolledBack_AfterTheSwitch_TheOldColourServesAtFullSizeAgain_AndEveryNewColourObjectGoes(string name, int? kept)
    {
        await using var run = await BlueGreenRun.AfterAsync(name, kept, TrafficTarget.Preview, TrafficTarget.Switched);
        var (app, release) = (run.App, run.Release);

        await run.ApplyAsync(TrafficTarget.RolledBack);

        Assert.Equal(Colour(app.Deployment, release.FromImage, 4), Colours(await run.LiveAsync()));
        BlueGreen.AssertOneColourLeft(run.Cluster, app, release.FromImage);
        run.Watch.AssertEach(s => s.Count == 4);
        Assert.Equal(4 - release.OldReplicas, run.Watch.Started.Count);
        Assert.Empty(await run.ApplyAsync(TrafficTarget.RolledBack));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task RolledBack_BeforeTheSwitch_RemovesTheNewColour_AndLeavesTheOldAsItWas(string name)
    {
        await using var run = await BlueGreenRun.AfterAsync(name, null, TrafficTarget.Preview);

        await run.ApplyAsync(TrafficTarget.RolledBack);

        BlueGreen.AssertOneColourLeft(run.Cluster, run.App, run.Release.FromImage);
        run.Watch.AssertEach(s => s.Count == 4 && s.All(e => e.Deployment == run.App.Deployment));
        Assert.Empty(run.Watch.Started);
        Assert.Empty(await run.ApplyAsync(TrafficTarget.RolledBack));
    }

    [Theory]
    [MemberData(nameof(RoutersAndKeptPods))]
    public async Task Promoted_AfterTheSwitch_TheStableDeploymentTakesTheNewVersion_WhileOnlyTheNewVersionServes(string name, int? kept)
    {
        await using var run = await BlueGreenRun.AfterAsync(name, kept, TrafficTarget.Preview, TrafficTarget.Switched);
        var (app, release) = (run.App, run.Release);

        var changes = (await run.ApplyAsync(TrafficTarget.Promoted)).ToList();

        Assert.Equal(Colour(app.Deployment, release.ToImage, 4), Colours(await run.LiveAsync()));
        BlueGreen.AssertOneColourLeft(run.Cluster, app, release.ToImage);
        run.Watch.AssertEach(s => s.Count >= 4 && s.All(e => e.Image == release.ToImage));
        var unpinned = changes.IndexOf(new ClusterChange($"Service shop/{app.Service}", "spec.selector.track", "canary", null));
        Assert.True(unpinned > changes.FindIndex(c => c.Object == $"Deployment shop/{app.Deployment}"), string.Join(" | ", changes));
        Assert.True(unpinned < changes.FindIndex(c => c.Object == $"Deployment shop/{app.CanaryDeployment}"), string.Join(" | ", changes));
        Assert.Empty(await run.ApplyAsync(TrafficTarget.Promoted));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task DryRun_ListsEachPhasesChanges_AndChangesNothing(string name)
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var (app, release) = BlueGreen.Of(name, 1);
        var router = cluster.Router(name);
        var live = $"Service shop/{app.Service}";

        var preview = await router.ChangeAsync(app, release, TrafficTarget.Preview, ChangeMode.DryRun, default);

        Assert.Equal(
            [
                $"Deployment shop/{app.Deployment}: spec.template.metadata.labels.track: (none) → stable",
                $"{live}: spec.selector.track: (none) → stable",
                $"Deployment shop/{app.CanaryDeployment}: create (image {release.ToImage}, 4 replicas, pods labelled track=canary)",
                $"Service shop/{app.CanaryService}: create (selects app={app.Name}, track=canary; ports 80)",
                .. BlueGreen.PreviewRouteCreated(app, name),
            ],
            preview.Select(c => c.ToString()));
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", app.CanaryDeployment));
        Assert.Null(BlueGreen.LiveTrack(cluster, app));

        await router.ChangeAsync(app, release, TrafficTarget.Preview, ChangeMode.Apply, default);
        var switched = await router.ChangeAsync(app, release, TrafficTarget.Switched, ChangeMode.DryRun, default);
        Assert.Equal([$"{live}: spec.selector.track: stable → canary", $"Deployment shop/{app.Deployment}: spec.replicas: 4 → 1"], switched.Select(c => c.ToString()));
        Assert.Equal("stable", BlueGreen.LiveTrack(cluster, app));

        await router.ChangeAsync(app, release, TrafficTarget.Switched, ChangeMode.Apply, default);
        var rolledBack = await router.ChangeAsync(app, release, TrafficTarget.RolledBack, ChangeMode.DryRun, default);
        Assert.Equal(
            [
                $"Deployment shop/{app.Deployment}: spec.replicas: 1 → 4",
                $"{live}: spec.selector.track: canary → stable",
                .. BlueGreen.PreviewRouteRemoved(app, name),
                $"Deployment shop/{app.CanaryDeployment}: delete",
                $"Service shop/{app.CanaryService}: delete",
                $"{live}: spec.selector.track: stable → (none)",
            ],
            rolledBack.Select(c => c.ToString()));
        Assert.Equal(("canary", 1), (BlueGreen.LiveTrack(cluster, app), BlueGreen.Deployment(cluster, app.Deployment).Replicas));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task WeightPreview_SaysWhatEachPhaseMeans_AndRefusesCanaryWeights(string name)
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var (app, release) = BlueGreen.Of(name, 2);
        var router = cluster.Router(name);
        var header = router.SupportsRules ? " or requests with header X-Preview: true" : string.Empty;
        var (from, to) = (release.FromVersion, release.ToVersion);

        var preview = router.Preview(release, TrafficTarget.Preview);
        var switched = router.Preview(release, TrafficTarget.Switched);
        var weight = router.Preview(release, TrafficTarget.Canary(20));

        Assert.Equal(new WeightPreview(0, 0, $"preview: {to} on 4 pods beside {from} (live), through Service shop/{app.CanaryService}{header}"), preview);
        Assert.Equal(new WeightPreview(100, 100, $"{to} live on 4 pods; {from} kept on 2 pods"), switched);
        Assert.StartsWith($"{app.Name} is released blue-green", weight.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrackTheLiveServiceSelectedBefore_IsPutBackWhenTheOldColourRetires()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var (app, release) = BlueGreen.Of(GatewayRouter.ProviderName);
        var router = cluster.Router(GatewayRouter.ProviderName);
        var client = new k8s.Kubernetes(cluster.Config);
        var own = await client.CoreV1.ReadNamespacedServiceAsync(app.Service, "shop");
        own.Spec.Selector["track"] = "stable";
        await client.CoreV1.ReplaceNamespacedServiceAsync(own, app.Service, "shop");

        await router.ChangeAsync(app, release, TrafficTarget.Preview, ChangeMode.Apply, default);
        await router.ChangeAsync(app, release, TrafficTarget.Switched, ChangeMode.Apply, default);
        Assert.Equal("canary", BlueGreen.LiveTrack(cluster, app));
        await router.ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.Apply, default);

        Assert.Equal("stable", BlueGreen.LiveTrack(cluster, app));
        var annotations = cluster.Sandbox.GetObject("Service", "shop", app.Service)!["metadata"]?["annotations"]?.AsObject().Select(a => a.Key) ?? [];
        Assert.DoesNotContain(annotations, a => a.StartsWith("chatopsrelease.io/", StringComparison.Ordinal));
        Assert.Equal(Colour(app.Deployment, release.ToImage, 4), Colours(await ServiceEndpoints.OfAsync(cluster, "shop", app.Service)));
    }

    private static (string, string, int) Colour(string deployment, string image, int pods) => (deployment, image, pods);

    private static (string, string, int) Colours(List<Endpoint> endpoints)
    {
        var colours = endpoints.Select(e => (e.Deployment, e.Image)).Distinct().ToList();
        return colours.Count == 1 ? (colours[0].Deployment, colours[0].Image, endpoints.Count) : (string.Join("+", colours), string.Empty, endpoints.Count);
    }
}

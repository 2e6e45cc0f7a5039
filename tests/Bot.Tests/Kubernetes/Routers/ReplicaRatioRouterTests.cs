using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

public sealed class ReplicaRatioRouterTests
{
    private static readonly AppSpec App = new("checkout", "shop", "checkout", "checkout", null, "replicas", "production");

    [Theory]
    [InlineData(4, 0, 0, 4, 0, "0% (0 of 4 pods)")]
    [InlineData(4, 1, 1, 3, 25, "requested 1%, effective 25% (1 of 4 pods)")]
    [InlineData(4, 20, 1, 3, 25, "requested 20%, effective 25% (1 of 4 pods)")]
    [InlineData(4, 50, 2, 2, 50, "50% (2 of 4 pods)")]
    [InlineData(4, 99, 3, 1, 75, "requested 99%, effective 75% (3 of 4 pods)")]
    [InlineData(4, 100, 4, 0, 100, "100% (4 of 4 pods)")]
    [InlineData(5, 20, 1, 4, 20, "20% (1 of 5 pods)")]
    [InlineData(5, 50, 2, 3, 40, "requested 50%, effective 40% (2 of 5 pods)")]
    [InlineData(5, 70, 3, 2, 60, "requested 70%, effective 60% (3 of 5 pods)")]
    [InlineData(3, 33, 1, 2, 33, "requested 33%, effective 33.3% (1 of 3 pods)")]
    [InlineData(7, 10, 1, 6, 14, "requested 10%, effective 14.3% (1 of 7 pods)")]
    public async Task Weight_BecomesPodsOutOfTheReleasesTotal(int total, int weight, int canary, int stable, int effective, string detail)
    {
        var workloads = new RecordingWorkloads();
        var router = Router(workloads);
        var release = Release(total);

        var preview = router.Preview(release, TrafficTarget.Canary(weight));
        await router.ChangeAsync(App, release, TrafficTarget.Canary(weight), ChangeMode.Apply, default);

        Assert.Equal((weight, effective, detail, (string?)null), (preview.Requested, preview.Effective, preview.Detail, preview.Refusal));
        Assert.Equal(new WorkloadTarget("r/checkout:v1", stable, "r/checkout:v2", canary), Assert.Single(workloads.Targets));
    }

    [Fact]
    public async Task SingleReplica_RefusesPartialWeights_AndChangesNothing()
    {
        var workloads = new RecordingWorkloads();
        var router = Router(workloads);

        var preview = router.Preview(Release(1), TrafficTarget.Canary(20));
        var ex = await Assert.ThrowsAsync<ClusterException>(() => router.ChangeAsync(App, Release(1), TrafficTarget.Canary(20), ChangeMode.DryRun, default));

        Assert.Contains("With 1 pod the replica router can only send 0% or 100%", preview.Refusal, StringComparison.Ordinal);
        Assert.Equal(preview.Refusal, ex.Message);
        Assert.Empty(workloads.Targets);
    }

    [Fact]
    public async Task UserRules_AreRefusedWithTheReason_AndChangeNothing()
    {
        var workloads = new RecordingWorkloads();
        var router = Router(workloads);
        var rule = new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" };

        var preview = router.Preview(Release(4), TrafficTarget.Canary(0, [rule]));
        await Assert.ThrowsAsync<ClusterException>(() => router.ChangeAsync(App, Release(4), TrafficTarget.Canary(0, [rule]), ChangeMode.Apply, default));

        Assert.Contains("cannot send chosen requests (by header or cookie)", preview.Refusal, StringComparison.Ordinal);
        Assert.Empty(workloads.Targets);
    }

    [Fact]
    public async Task PromotedAndRolledBack_PutOneVersionOnAllPodsAndNoCanary()
    {
        var workloads = new RecordingWorkloads();
        var router = Router(workloads);

        await router.ChangeAsync(App, Release(4), TrafficTarget.Promoted, ChangeMode.Apply, default);
        await router.ChangeAsync(App, Release(4), TrafficTarget.RolledBack, ChangeMode.Apply, default);

        Assert.Equal([new WorkloadTarget("r/checkout:v2", 4, null, 0), new WorkloadTarget("r/checkout:v1", 4, null, 0)], workloads.Targets);
    }

    private static Release Release(int total) => Commands.Releases.Release.Start(
        new NewRelease("checkout", "sandbox", "shop", "v1", "v2", "r/checkout:v1", "r/checkout:v2", total, "console:me", new ConversationRef("console", "terminal")),
        DateTimeOffset.UnixEpoch);

    /// <summary>The router on recorded workloads; its blue-green helpers get a client no test here reaches.</summary>
    private static ReplicaRatioRouter Router(IWorkloads workloads)
    {
        var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        var retry = SandboxFixture.Retry(Microsoft.Extensions.Options.Options.Create(SandboxFixture.FastOptions()));
        return new ReplicaRatioRouter(workloads, new BlueGreenTraffic(workloads, new CanaryServices(client, retry), new StableServicePin(client, retry)));
    }

    private sealed class RecordingWorkloads : IWorkloads
    {
        public List<WorkloadTarget> Targets { get; } = [];

        public Task<WorkloadStatus> ReadAsync(AppSpec app, CancellationToken cancellationToken) => Task.FromResult(new WorkloadStatus(null, null));

        public Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, WorkloadTarget target, ChangeMode mode, CancellationToken cancellationToken)
        {
            Targets.Add(target);
            return Task.FromResult<IReadOnlyList<ClusterChange>>([]);
        }
    }
}

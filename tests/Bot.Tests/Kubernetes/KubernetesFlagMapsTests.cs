using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>The apps' flag ConfigMaps through the real KubernetesClient against the sandbox's API server.</summary>
public sealed class KubernetesFlagMapsTests : IAsyncLifetime
{
    private static readonly AppSpec App = SandboxFixture.Checkout;
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    private SandboxFixture? _cluster;
    private k8s.Kubernetes? _other;

    private SandboxFixture Cluster => _cluster ?? throw new InvalidOperationException("not started");

    /// <summary>Another writer of the same cluster (a person with kubectl, or another replica of the bot).</summary>
    private k8s.Kubernetes Other => _other ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _cluster = await SandboxFixture.StartAsync();
        _other = new k8s.Kubernetes(_cluster.Config);
    }

    public async Task DisposeAsync()
    {
        _other?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Read_WhenTheMapIsMissing_IsEmpty()
    {
        var flags = await FlagMaps().ReadAsync(App, default);

        Assert.Empty(flags.Flags);
    }

    [Fact]
    public async Task Change_WhenTheMapIsMissing_CreatesItWithBothKeysAndTheLabels()
    {
        var maps = FlagMaps();

        var (before, after) = await maps.ChangeAsync(App, set => set.With(On("new-checkout")), default);

        var map = await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        Assert.Empty(before.Flags);
        Assert.Equal("new-checkout", Assert.Single(after.Flags).Name);
        Assert.Equal(FlagDocuments.Render("checkout", after).OrderBy(p => p.Key, StringComparer.Ordinal), map.Data.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("chatops-release", map.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("checkout", map.Metadata.Labels["chatops-release/app"]);
        Assert.True(Assert.Single((await maps.ReadAsync(App, default)).Flags).SameStateAs(On("new-checkout")));
    }

    [Fact]
    public async Task Change_OfAMapWithOtherKeysAndLabels_KeepsThem_AndAddsToTheFlags()
    {
        await Other.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "checkout-flags", Labels = new Dictionary<string, string> { ["team"] = "web" } },
            Data = new Dictionary<string, string> { ["README.txt"] = "edited by the web team" },
        }, "shop");
        var maps = FlagMaps();

        await maps.ChangeAsync(App, set => set.With(On("alpha")), default);
        var (before, after) = await maps.ChangeAsync(App, set => set.With(On("beta")), default);

        var map = await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        Assert.Equal(["alpha"], before.Flags.Select(f => f.Name));
        Assert.Equal(["alpha", "beta"], after.Flags.Select(f => f.Name));
        Assert.Equal("edited by the web team", map.Data["README.txt"]);
        Assert.Equal(["README.txt", FlagDocuments.FeatureManagementKey, FlagDocuments.PlainKey], map.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("web", map.Metadata.Labels["team"]);
        Assert.Equal("chatops-release", map.Metadata.Labels["app.kubernetes.io/managed-by"]);
    }

    [Fact]
    public async Task Change_WhenSomeoneElseWritesBetweenReadAndReplace_StartsAgainFromAFreshRead_AndBothChangesSurvive()
    {
        await FlagMaps().ChangeAsync(App, set => set.With(On("alpha")), default);
        var meddler = new Meddler(async () =>
        {
            var map = await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
            await Other.CoreV1.ReplaceNamespacedConfigMapAsync(WithFlag(map, On("beta")), "checkout-flags", "shop");
        });
        var calls = 0;

        var (before, after) = await FlagMaps(meddler).ChangeAsync(App, set =>
        {
            calls++;
            return set.With(On("gamma"));
        }, default);

        Assert.Equal(2, calls);
        Assert.Equal(2, meddler.Writes);
        Assert.Equal(["alpha", "beta"], before.Flags.Select(f => f.Name));
        Assert.Equal(["alpha", "beta", "gamma"], after.Flags.Select(f => f.Name));
        Assert.Equal(["alpha", "beta", "gamma"], (await FlagMaps().ReadAsync(App, default)).Flags.Select(f => f.Name));
    }

    [Fact]
    public async Task Change_WhenSomeoneElseCreatesTheMapBeforeUs_ReadsAgain_AndBothChangesSurvive()
    {
        var meddler = new Meddler(() => Other.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "checkout-flags" }, Data = FlagDocuments.Render("checkout", FlagSet.Empty.With(On("beta"))).ToDictionary() },
            "shop"));

        var (before, after) = await FlagMaps(meddler).ChangeAsync(App, set => set.With(On("alpha")), default);

        Assert.Equal(["beta"], before.Flags.Select(f => f.Name));
        Assert.Equal(["beta", "alpha"], after.Flags.Select(f => f.Name));
        var map = await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        Assert.Equal(["beta", "alpha"], FlagDocuments.Parse(map.Data.AsReadOnly()).Flags.Select(f => f.Name));
        Assert.Equal("checkout", map.Metadata.Labels["chatops-release/app"]);
    }

    [Fact]
    public async Task Change_ThatChangesNothing_WritesNothing()
    {
        await FlagMaps().ChangeAsync(App, set => set.With(On("alpha")), default);
        var read = await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        var meddler = new Meddler(() => Task.CompletedTask);
        var maps = FlagMaps(meddler);

        var (before, after) = await maps.ChangeAsync(App, set => set, default);
        var (beforeMissing, afterMissing) = await maps.ChangeAsync(App with { FlagMap = "nothing-flags" }, set => set, default);

        Assert.Same(before, after);
        Assert.Equal(["alpha"], after.Flags.Select(f => f.Name));
        Assert.Same(beforeMissing, afterMissing);
        Assert.Equal(0, meddler.Writes);
        Assert.Equal(read.Metadata.ResourceVersion, (await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop")).Metadata.ResourceVersion);
        Assert.DoesNotContain((await Other.CoreV1.ListNamespacedConfigMapAsync("shop")).Items, m => m.Metadata.Name == "nothing-flags");
    }

    [Fact]
    public async Task ReadOrChange_WhenFlagsJsonIsUnreadable_FailsWithAClusterException_AndLeavesTheMapAsItIs()
    {
        await Other.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "checkout-flags" },
            Data = new Dictionary<string, string> { [FlagDocuments.PlainKey] = "{ not json" },
        }, "shop");
        var maps = FlagMaps();

        var read = await Assert.ThrowsAsync<ClusterException>(() => maps.ReadAsync(App, default));
        var change = await Assert.ThrowsAsync<ClusterException>(() => maps.ChangeAsync(App, set => set.With(On("alpha")), default));

        Assert.StartsWith("the flags.json of ConfigMap shop/checkout-flags could not be read, so the bot leaves the map as it is: flags.json is not readable JSON of flags:", read.Message);
        Assert.Equal(read.Message, change.Message);
        Assert.IsType<FormatException>(change.InnerException);
        Assert.Equal("{ not json", (await Other.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop")).Data[FlagDocuments.PlainKey]);
    }

    private KubernetesFlagMaps FlagMaps(params DelegatingHandler[] handlers) =>
        new(new k8s.Kubernetes(Cluster.Config, handlers), SandboxFixture.Retry(Options.Create(SandboxFixture.FastOptions())), NullLogger<KubernetesFlagMaps>.Instance);

    private static FeatureFlag On(string name) => new() { Name = name, Enabled = true, ChangedBy = "console:me", ChangedAt = Now };

    private static V1ConfigMap WithFlag(V1ConfigMap map, FeatureFlag flag)
    {
        foreach (var (key, value) in FlagDocuments.Render("checkout", FlagDocuments.Parse(map.Data.AsReadOnly()).With(flag)))
        {
            map.Data[key] = value;
        }

        return map;
    }

    /// <summary>Counts the writes to ConfigMaps and, just before the first one, lets someone else write the map.</summary>
    private sealed class Meddler(Func<Task> meanwhile) : DelegatingHandler
    {
        private int _writes;

        public int Writes => _writes;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/configmaps", StringComparison.Ordinal)
                && Interlocked.Increment(ref _writes) == 1)
            {
                await meanwhile();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

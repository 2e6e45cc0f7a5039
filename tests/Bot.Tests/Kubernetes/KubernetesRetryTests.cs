using System.Net;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Tests.Metrics;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Sandbox;
using k8s;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>The bot's calls to the Kubernetes API against a sandbox that fails some of them on purpose.</summary>
public sealed class KubernetesRetryTests
{
    private const string V1 = "registry.example/checkout:v1.0.0";
    private const string V2 = "registry.example/checkout:v2.0.0";
    private static readonly int Attempts = SandboxFixture.FastOptions().Retries + 1;

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(504)]
    public async Task Read_WhenTheApiFailsOnTheWay_IsRetried(int status)
    {
        await using var cluster = await SandboxFixture.StartAsync();
        cluster.Sandbox.Faults.FailNext("get", 3, status);

        var read = await cluster.Workloads().ReadAsync(SandboxFixture.Checkout, default);

        Assert.Equal(V1, read.Stable!.Image);
        Assert.Equal(new SandboxFaultCounts(5, 3, 0), cluster.Sandbox.Faults.Counts()["get"]);
    }

    [Fact]
    public async Task Read_WhenFailuresOutlastTheRetries_FailsWithASentence()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        cluster.Sandbox.Faults.FailNext("get", Attempts);

        var ex = await Assert.ThrowsAsync<ClusterException>(() => cluster.Workloads().ReadAsync(SandboxFixture.Checkout, default));

        Assert.Equal(
            $"the Kubernetes API failed to read Deployment shop/checkout ({Attempts} attempts): the server is currently unable to handle the request (fault injection) (HTTP 503).",
            ex.Message);
        Assert.Equal(Attempts, cluster.Sandbox.Faults.Counts()["get"].Requests);
    }

    [Fact]
    public async Task Read_OfAMissingObject_IsNotRetried()
    {
        await using var cluster = await SandboxFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<ClusterException>(
            () => cluster.Workloads().ChangeAsync(SandboxFixture.Checkout with { Deployment = "ledger" }, new WorkloadTarget(V1, 4, null, 0), ChangeMode.DryRun, default));

        Assert.Equal("the stable Deployment shop/ledger does not exist.", ex.Message);
        Assert.Equal(new SandboxFaultCounts(1, 0, 0), cluster.Sandbox.Faults.Counts()["get"]);
    }

    [Fact]
    public async Task Replace_AfterAFailureOrAConflict_StartsAgainFromAFreshRead()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var workloads = cluster.Workloads();
        await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 4, null, 0), ChangeMode.Apply, default);
        cluster.Sandbox.Faults.FailNext("update", 1, 503);
        cluster.Sandbox.Faults.FailNext("update", 1, 409);
        cluster.Sandbox.Faults.FailNext("update", 1, 500);
        cluster.Sandbox.Faults.ResetCounts();

        await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 5, null, 0), ChangeMode.Apply, default);

        Assert.Equal(5, (int?)cluster.Sandbox.GetObject("Deployment", "shop", "checkout")!["spec"]!["replicas"]);
        Assert.Equal(new SandboxFaultCounts(4, 2, 1), cluster.Sandbox.Faults.Counts()["update"]);
        Assert.True(cluster.Sandbox.Faults.Counts()["get"].Requests >= 2 + 4, "each attempt of the replace reads the Deployment again");
    }

    [Fact]
    public async Task CreateAndDelete_WhenTheApiFailsOnTheWay_AreRetried()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var workloads = cluster.Workloads();
        cluster.Sandbox.Faults.FailNext("create", 2);
        cluster.Sandbox.Faults.FailNext("delete", 2);

        await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 3, V2, 1), ChangeMode.Apply, default);
        var created = cluster.Sandbox.GetObject("Deployment", "shop", "checkout-canary");
        await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 4, null, 0), ChangeMode.Apply, default);

        Assert.Equal(V2, (string?)created!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
        Assert.Equal((3L, 3L), (cluster.Sandbox.Faults.Counts()["create"].Requests, cluster.Sandbox.Faults.Counts()["delete"].Requests));
    }

    [Fact]
    public async Task Create_WhoseAnswerIsLost_LooksBeforeTryingAgain_AndCreatesOnce()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        using var losing = new LoseFirstCreateAnswer();

        await cluster.Workloads(null, losing).ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 4, V2, 0), ChangeMode.Apply, default);

        Assert.Equal(1, losing.Creates);
        Assert.Equal(1, cluster.Sandbox.Faults.Counts()["create"].Requests);
        Assert.NotNull(cluster.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
    }

    [Fact]
    public async Task Read_WhenTheApiIsTooSlow_IsRetried_ThenSaysItDidNotAnswerInTime()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        cluster.Sandbox.Faults.Set(new SandboxFaultOptions { Verbs = { ["get"] = new SandboxVerbFaults { Latency = TimeSpan.FromSeconds(5) } } });
        cluster.Config.HttpClientTimeout = TimeSpan.FromMilliseconds(100);
        var options = SandboxFixture.FastOptions();
        options.Retries = 2;

        var ex = await Assert.ThrowsAsync<ClusterException>(() => cluster.Workloads(options).ReadAsync(SandboxFixture.Checkout, default));

        Assert.Equal("the Kubernetes API did not answer in time to read Deployment shop/checkout (3 attempts); each attempt waits up to Kubernetes:RequestTimeout.", ex.Message);
        Assert.Equal(3, cluster.Sandbox.Faults.Counts()["get"].Requests);
    }

    [Fact]
    public async Task Read_WhenNothingListens_IsRetried_ThenSaysTheApiCouldNotBeReached()
    {
        var closed = await LoopbackHttp.ClosedAddressAsync();
        var config = new KubernetesClientConfiguration { Host = closed.ToString() };
        var settings = Options.Create(SandboxFixture.FastOptions());
        var retry = SandboxFixture.Retry(settings);
        using var client = new k8s.Kubernetes(config);

        var ex = await Assert.ThrowsAsync<ClusterException>(() => client.TryReadDeploymentAsync(retry, "shop", "checkout", default));

        Assert.Equal($"the Kubernetes API could not be reached to read Deployment shop/checkout (ConnectionError) ({Attempts} attempts).", ex.Message);
    }

    [Fact]
    public async Task Retries_StopWhenTheCallerCancels()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        cluster.Sandbox.Faults.Set(new SandboxFaultOptions { ErrorRate = 1 });
        var options = SandboxFixture.FastOptions();
        (options.Retries, options.RetryDelay, options.RetryMaxDelay) = (20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cluster.Workloads(options).ReadAsync(SandboxFixture.Checkout, cancel.Token));

        Assert.InRange(cluster.Sandbox.Faults.Counts()["get"].Requests, 1, 3);
    }

    /// <summary>Lets the first POST reach the API server, then answers the client 503 as if the answer had been lost on the way.</summary>
    private sealed class LoseFirstCreateAnswer : DelegatingHandler
    {
        public int Creates { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post || ++Creates > 1)
            {
                return response;
            }

            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("{}") };
        }
    }
}

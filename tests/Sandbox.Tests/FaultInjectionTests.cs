using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>The API server's injected faults: rates per verb, seeded draws, latency, conflicts, failures asked for one by one.</summary>
public sealed class FaultInjectionTests : SandboxTestBase
{
    private const string Deployments = "/apis/apps/v1/namespaces/shop/deployments";
    private const string Checkout = Deployments + "/checkout";
    private readonly HttpClient _http = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _http.BaseAddress = Sandbox.BaseAddress;
        await SeedCheckoutAsync();
        await WaitForRolloutAsync("checkout");
        Sandbox.Faults.ResetCounts();
    }

    public override async Task DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Off_ByDefault_EveryVerbIsServed()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add(await SendAsync(HttpMethod.Get, Checkout));
            statuses.Add(await SendAsync(HttpMethod.Get, Deployments));
            statuses.Add(await SendAsync(HttpMethod.Patch, Checkout, Annotation(i)));
            statuses.Add(await SendAsync(HttpMethod.Post, Deployments, Manifest($"extra-{i}")));
            statuses.Add(await SendAsync(HttpMethod.Delete, $"{Deployments}/extra-{i}"));
        }

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created, $"answered {s}"));
        Assert.Equal(0, Sandbox.Faults.Current.ErrorRate);
        var counts = Sandbox.Faults.Counts();
        Assert.Equal((50, 50, 50, 50, 50), (counts["get"].Requests, counts["list"].Requests, counts["patch"].Requests, counts["create"].Requests, counts["delete"].Requests));
        Assert.All(counts.Values, c => Assert.Equal((0, 0), (c.Errors, c.Conflicts)));
    }

    [Fact]
    public async Task ErrorRate_IsRoughlyHonoured_With500And503StatusBodies()
    {
        Sandbox.Faults.Set(new SandboxFaultOptions { ErrorRate = 0.2, Seed = 7 });

        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 1000; i++)
        {
            using var response = await _http.GetAsync(new Uri(Checkout, UriKind.Relative));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        var failed = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
        Assert.InRange(failed.Count, 150, 250);
        Assert.All(failed, f => Assert.Contains(f.Status, new[] { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(failed, f => f.Status == HttpStatusCode.InternalServerError);
        Assert.Contains(failed, f => f.Status == HttpStatusCode.ServiceUnavailable);
        var status = JsonNode.Parse(failed[0].Body)!;
        Assert.Equal(("Status", "Failure", (int)failed[0].Status), ((string?)status["kind"], (string?)status["status"], (int?)status["code"]));
        Assert.Equal(failed.Count, Sandbox.Faults.Counts()["get"].Errors);
    }

    [Fact]
    public async Task ConflictRate_AnswersUpdatesAndPatchesWith409_AndChangesNothing()
    {
        Sandbox.Faults.Set(new SandboxFaultOptions { ConflictRate = 0.25, Seed = 3 });

        var patches = new List<HttpStatusCode>();
        for (var i = 0; i < 400; i++)
        {
            patches.Add(await SendAsync(HttpMethod.Patch, Checkout, Annotation(i)));
        }

        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            reads.Add(await SendAsync(HttpMethod.Get, Checkout));
        }

        Assert.InRange(patches.Count(s => s == HttpStatusCode.Conflict), 70, 130);
        Assert.All(patches, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(reads, s => Assert.Equal(HttpStatusCode.OK, s));
        var lastApplied = patches.FindLastIndex(s => s == HttpStatusCode.OK);
        var annotations = Sandbox.GetObject("Deployment", "shop", "checkout")!["metadata"]!["annotations"]!;
        Assert.Equal(lastApplied.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)annotations["n"]);
        Assert.Equal(patches.Count(s => s == HttpStatusCode.Conflict), Sandbox.Faults.Counts()["patch"].Conflicts);
    }

    [Fact]
    public async Task AVerbsOwnSettings_ApplyToItAlone()
    {
        Sandbox.Faults.Set(new SandboxFaultOptions { Verbs = { ["list"] = new SandboxVerbFaults { ErrorRate = 1 } } });

        var lists = new List<HttpStatusCode>();
        var gets = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            lists.Add(await SendAsync(HttpMethod.Get, Deployments));
            gets.Add(await SendAsync(HttpMethod.Get, Checkout));
        }

        Assert.All(lists, s => Assert.True(s >= HttpStatusCode.InternalServerError, $"answered {s}"));
        Assert.All(gets, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task TheSameSeed_GivesTheSameFaults_AndAnotherSeedOthers()
    {
        async Task<string> RunAsync(int seed)
        {
            Sandbox.Faults.Set(new SandboxFaultOptions { ErrorRate = 0.3, Seed = seed });
            var outcomes = new StringBuilder();
            for (var i = 0; i < 200; i++)
            {
                outcomes.Append((int)await SendAsync(HttpMethod.Get, Checkout)).Append(' ');
            }

            return outcomes.ToString();
        }

        var first = await RunAsync(11);
        var again = await RunAsync(11);
        var other = await RunAsync(12);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Latency_IsAddedToTheVerbsRequests()
    {
        Sandbox.Faults.Set(new SandboxFaultOptions { Verbs = { ["get"] = new SandboxVerbFaults { Latency = TimeSpan.FromMilliseconds(300) } } });

        var watch = Stopwatch.StartNew();
        var status = await SendAsync(HttpMethod.Get, Checkout);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task FailNext_FailsExactlyThatManyRequests_WithTheStatusAskedFor()
    {
        Sandbox.Faults.FailNext("update", 3, 429);
        var before = Sandbox.GetObject("Deployment", "shop", "checkout")!.ToJsonString();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await SendAsync(HttpMethod.Put, Checkout, Sandbox.GetObject("Deployment", "shop", "checkout")!.ToJsonString()));
            if (i == 2)
            {
                Assert.Equal(before, Sandbox.GetObject("Deployment", "shop", "checkout")!.ToJsonString());
            }
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal(new SandboxFaultCounts(4, 3, 0), Sandbox.Faults.Counts()["update"]);
    }

    [Fact]
    public async Task ChangedAtRunTime_TakesEffectAtOnce_AndOffMeansOff()
    {
        Sandbox.Faults.Set(new SandboxFaultOptions { ErrorRate = 1 });
        var failing = await SendAsync(HttpMethod.Get, Checkout);
        Sandbox.Faults.Set(new SandboxFaultOptions());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add(await SendAsync(HttpMethod.Get, Checkout));
        }

        Assert.True(failing >= HttpStatusCode.InternalServerError, $"answered {failing}");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task DiscoveryHealthAndMetrics_AreNeverFailed()
    {
        Sandbox.Faults.Set(new SandboxFaultOptions { ErrorRate = 1 });

        foreach (var path in new[] { "/version", "/healthz", "/metrics", "/apis/apps/v1" })
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, path));
        }
    }

    [Fact]
    public void Problems_NameEveryBadSetting()
    {
        var options = new SandboxFaultOptions
        {
            ErrorRate = 1.5,
            Latency = TimeSpan.FromSeconds(-1),
            Verbs =
            {
                ["fetch"] = new SandboxVerbFaults { ErrorRate = 0.1 },
                ["get"] = new SandboxVerbFaults { ErrorRate = 0.1, ConflictRate = 0.1 },
                ["update"] = new SandboxVerbFaults { ErrorRate = 0.6, ConflictRate = 0.6, Latency = TimeSpan.Zero },
            },
        };

        var problems = options.Problems();

        Assert.Contains("Sandbox:Faults:ErrorRate must be between 0 and 1, not 1.5.", problems);
        Assert.Contains("Sandbox:Faults:Latency must be between 0 and 5 minutes.", problems);
        Assert.Contains("Sandbox:Faults:Verbs:fetch is not a verb; the verbs are get, list, watch, create, update, patch, delete.", problems);
        Assert.Contains("Sandbox:Faults:Verbs:get:ConflictRate must be 0: only update and patch carry a resourceVersion that can conflict.", problems);
        Assert.Contains("Sandbox:Faults:Verbs:update:ErrorRate and ConflictRate together must not be more than 1.", problems);
        Assert.Throws<ArgumentException>(() => Sandbox.Faults.Set(options));
        Assert.Empty(new SandboxFaultOptions().Problems());
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            var type = method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json";
            request.Content = new StringContent(body, Encoding.UTF8, type);
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Annotation(int n) => "{\"metadata\":{\"annotations\":{\"n\":\"" + n + "\"}}}";

    private static string Manifest(string name) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
         "spec":{"replicas":0,"selector":{"matchLabels":{"app":"NAME"}},
                 "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"app","image":"registry.local/app:1.0"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal);
}

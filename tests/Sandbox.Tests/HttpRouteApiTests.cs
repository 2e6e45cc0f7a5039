using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>
/// HTTPRoutes through the real KubernetesClient's <c>CustomObjects</c> operations. The untyped calls return a
/// <see cref="JsonElement"/> boxed as object; the generic overloads deserialize into the given type (here JsonObject).
/// </summary>
public sealed class HttpRouteApiTests : SandboxTestBase
{
    private const string Group = "gateway.networking.k8s.io";
    private const string Version = "v1";
    private const string Plural = "httproutes";

    [Fact]
    public async Task Create_ReturnsJsonElementWithSchemaDefaultsAndNoStatus()
    {
        var route = NewRoute("search", stableWeight: 90, canaryWeight: 10);
        route["status"] = new JsonObject { ["parents"] = new JsonArray() };

        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync(route, Group, Version, "shop", Plural);

        var element = Assert.IsType<JsonElement>(created);
        var json = JsonNode.Parse(element.GetRawText())!.AsObject();
        Assert.Equal("HTTPRoute", (string?)json["kind"]);
        Assert.Equal("gateway.networking.k8s.io/v1", (string?)json["apiVersion"]);
        Assert.Equal(1, (long?)json["metadata"]!["generation"]);
        Assert.Equal("shop", (string?)json["metadata"]!["namespace"]);
        Assert.False(json.ContainsKey("status"));
        var parent = json["spec"]!["parentRefs"]![0]!;
        Assert.Equal("Gateway", (string?)parent["kind"]);
        Assert.Equal("gateway.networking.k8s.io", (string?)parent["group"]);
        var backend = json["spec"]!["rules"]![0]!["backendRefs"]![0]!;
        Assert.Equal("Service", (string?)backend["kind"]);
        Assert.Equal("", (string?)backend["group"]);
        Assert.Equal(90, (int?)backend["weight"]);
        Assert.Equal("PathPrefix", (string?)json["spec"]!["rules"]![0]!["matches"]![0]!["path"]!["type"]);
    }

    [Fact]
    public async Task GetAndList_WithTypedOverloads_ReturnJsonObjects()
    {
        await CreateAsync(NewRoute("search", labels: new() { ["app"] = "search" }));
        await CreateAsync(NewRoute("checkout", labels: new() { ["app"] = "checkout" }));
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(NewRoute("search"), Group, Version, "other", Plural);

        var read = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, Version, "shop", Plural, "search");
        var untyped = await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "shop", Plural, "search");
        var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Group, Version, "shop", Plural, labelSelector: "app=search");
        var all = await Client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(Group, Version, Plural);

        Assert.Equal("search", (string?)read["metadata"]!["name"]);
        Assert.IsType<JsonElement>(untyped);
        Assert.Equal("HTTPRouteList", (string?)list["kind"]);
        Assert.Equal("gateway.networking.k8s.io/v1", (string?)list["apiVersion"]);
        Assert.Equal(["search"], list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        Assert.Equal(3, all["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Replace_ChangingWeights_BumpsGeneration_AndStaleReplaceIs409()
    {
        await CreateAsync(NewRoute("search", stableWeight: 100, canaryWeight: 0));
        var stale = await GetAsync("search");
        var fresh = await GetAsync("search");
        SetWeights(fresh, 80, 20);

        var replaced = await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(fresh, Group, Version, "shop", Plural, "search");
        SetWeights(stale, 50, 50);
        var (code, status) = await ExpectErrorAsync(() =>
            Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(stale, Group, Version, "shop", Plural, "search"));

        Assert.Equal(2, (long?)replaced["metadata"]!["generation"]);
        Assert.Equal(20, (int?)replaced["spec"]!["rules"]![0]!["backendRefs"]![1]!["weight"]);
        Assert.Equal(409, code);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal(
            "Operation cannot be fulfilled on httproutes.gateway.networking.k8s.io \"search\": the object has been modified; please apply your changes to the latest version and try again",
            status.Message);
        Assert.Equal(20, (int?)(await GetAsync("search"))["spec"]!["rules"]![0]!["backendRefs"]![1]!["weight"]);
    }

    [Fact]
    public async Task MergeAndJsonPatches_Apply_AndStrategicMergeIs415()
    {
        await CreateAsync(NewRoute("search"));

        var merged = await Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"metadata":{"annotations":{"release":"2.0"}}}""", V1Patch.PatchType.MergePatch), Group, Version, "shop", Plural, "search");
        var jsonPatched = await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":70},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":30}]""",
                V1Patch.PatchType.JsonPatch),
            Group,
            Version,
            "shop",
            Plural,
            "search");
        var (code, status) = await ExpectErrorAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.StrategicMergePatch), Group, Version, "shop", Plural, "search"));

        Assert.Equal("2.0", (string?)merged["metadata"]!["annotations"]!["release"]);
        Assert.Equal(1, (long?)merged["metadata"]!["generation"]);
        var patched = JsonNode.Parse(Assert.IsType<JsonElement>(jsonPatched).GetRawText())!;
        Assert.Equal(30, (int?)patched["spec"]!["rules"]![0]!["backendRefs"]![1]!["weight"]);
        Assert.Equal(2, (long?)patched["metadata"]!["generation"]);
        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", status.Reason);
        Assert.DoesNotContain("strategic-merge-patch", status.Message.Split("include:")[1]);
    }

    [Fact]
    public async Task ApplyPatch_CreatesThenReplacesListsWhole()
    {
        var first = NewRoute("search", stableWeight: 90, canaryWeight: 10);
        var second = NewRoute("search");
        second["spec"]!["rules"]![0]!["backendRefs"] = new JsonArray(new JsonObject { ["name"] = "search", ["port"] = 80 });

        var created = await Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(first.ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Version, "shop", Plural, "search", fieldManager: "bot", force: true);
        var applied = await Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(second.ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Version, "shop", Plural, "search", fieldManager: "bot", force: true);

        Assert.Equal(2, created["spec"]!["rules"]![0]!["backendRefs"]!.AsArray().Count);
        var backend = Assert.Single(applied["spec"]!["rules"]![0]!["backendRefs"]!.AsArray())!;
        Assert.Equal("search", (string?)backend["name"]);
        Assert.Equal(1, (int?)backend["weight"]);
    }

    [Fact]
    public async Task Delete_ReturnsSuccessStatus_ThenGetIs404()
    {
        await CreateAsync(NewRoute("search"));

        var deleted = await Client.CustomObjects.DeleteNamespacedCustomObjectAsync<V1Status>(Group, Version, "shop", Plural, "search");
        var (code, status) = await ExpectErrorAsync(() => Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "shop", Plural, "search"));

        Assert.Equal("Success", deleted.Status);
        Assert.Equal("httproutes", deleted.Details.Kind);
        Assert.Equal(404, code);
        Assert.Equal("httproutes.gateway.networking.k8s.io \"search\" not found", status.Message);
        Assert.Equal("gateway.networking.k8s.io", status.Details.Group);
    }

    [Fact]
    public async Task Create_WithoutKind_Returns400AndExisting_Returns409()
    {
        var route = NewRoute("search");
        route.Remove("kind");
        await CreateAsync(NewRoute("checkout"));

        var (missingKind, status) = await ExpectErrorAsync(() => CreateAsync(route));
        var (exists, existsStatus) = await ExpectErrorAsync(() => CreateAsync(NewRoute("checkout")));

        Assert.Equal(400, missingKind);
        Assert.StartsWith("Object 'Kind' is missing in '{", status.Message);
        Assert.Equal(409, exists);
        Assert.Equal("httproutes.gateway.networking.k8s.io \"checkout\" already exists", existsStatus.Message);
    }

    [Fact]
    public async Task Watch_ReceivesAddedModifiedDeletedAsJsonElements()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Group, Version, "shop", Plural, cancellationToken: cts.Token);
        var events = new List<(WatchEventType Type, JsonObject Object)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                Group, Version, "shop", Plural, fieldSelector: "metadata.name=search",
                resourceVersion: (string?)list["metadata"]!["resourceVersion"], cancellationToken: cts.Token))
            {
                lock (events)
                {
                    events.Add((type, JsonNode.Parse(Assert.IsType<JsonElement>(item).GetRawText())!.AsObject()));
                }

                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, cts.Token);

        await CreateAsync(NewRoute("checkout"));
        await CreateAsync(NewRoute("search"));
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"hostnames":["beta.search.example"]}}""", V1Patch.PatchType.MergePatch), Group, Version, "shop", Plural, "search",
            cancellationToken: cts.Token);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, "shop", Plural, "search", cancellationToken: cts.Token);
        await watching.WaitAsync(cts.Token);

        lock (events)
        {
            Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
            Assert.All(events, e => Assert.Equal("search", (string?)e.Object["metadata"]!["name"]));
            Assert.Equal("beta.search.example", (string?)events[1].Object["spec"]!["hostnames"]![0]);
        }
    }

    internal static JsonObject NewRoute(string name, int stableWeight = 100, int canaryWeight = 0, Dictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        return new JsonObject
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1",
            ["kind"] = "HTTPRoute",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = "public" }),
                ["hostnames"] = new JsonArray($"{name}.example"),
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["backendRefs"] = new JsonArray(
                        new JsonObject { ["name"] = name, ["port"] = 80, ["weight"] = stableWeight },
                        new JsonObject { ["name"] = $"{name}-canary", ["port"] = 80, ["weight"] = canaryWeight }),
                }),
            },
        };
    }

    private Task<object> CreateAsync(JsonObject route) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(route, Group, Version, "shop", Plural);

    private Task<JsonObject> GetAsync(string name) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, Version, "shop", Plural, name);

    private static void SetWeights(JsonObject route, int stable, int canary)
    {
        var backends = route["spec"]!["rules"]![0]!["backendRefs"]!;
        backends[0]!["weight"] = stable;
        backends[1]!["weight"] = canary;
    }
}

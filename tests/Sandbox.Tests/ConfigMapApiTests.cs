using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>ConfigMaps through the real KubernetesClient's <c>CoreV1</c> operations, raw HTTP and kubectl.</summary>
public sealed class ConfigMapApiTests : SandboxTestBase
{
    [Fact]
    public async Task Create_ThenGet_ReturnsTheStoredDataWithSystemMetadata()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags", ("flags.json", "{}")), "shop");
        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");

        Assert.Equal(("ConfigMap", "v1", "shop"), (created.Kind, created.ApiVersion, created.Metadata.NamespaceProperty));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Null(created.Metadata.Generation);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("{}", read.Data["flags.json"]);
        Assert.Equal([1, 2, 3], read.BinaryData["blob"]);
    }

    [Fact]
    public async Task Replace_WithTheReadResourceVersion_Succeeds_WithAStaleOne_Returns409Conflict()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags", ("a", "1")), "shop");
        var stale = await Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        var fresh = await Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        fresh.Data["a"] = "2";
        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, "checkout-flags", "shop");
        stale.Data["a"] = "3";

        var (code, status) = await ExpectErrorAsync(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "checkout-flags", "shop"));

        Assert.Equal("2", replaced.Data["a"]);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(fresh.Metadata.ResourceVersion));
        Assert.Equal((409, "Conflict"), (code, status.Reason));
        Assert.Equal(
            "Operation cannot be fulfilled on configmaps \"checkout-flags\": the object has been modified; please apply your changes to the latest version and try again",
            status.Message);
    }

    [Fact]
    public async Task CreateTwice_Returns409AlreadyExists_AndDelete_RemovesIt()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags", ("a", "1")), "shop");

        var (code, status) = await ExpectErrorAsync(() => Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags"), "shop"));
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("checkout-flags", "shop");
        var missing = await ExpectErrorAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop"));

        Assert.Equal((409, "AlreadyExists"), (code, status.Reason));
        Assert.Equal((404, "configmaps \"checkout-flags\" not found"), (missing.Code, missing.Status.Message));
    }

    [Fact]
    public async Task List_ByNamespaceAndLabel_FindsOnlyThoseMaps()
    {
        var labelled = NewConfigMap("checkout-flags");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "chatops-release" };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(labelled, "shop");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("other"), "shop");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("elsewhere"), "billing");

        var inShop = await Client.CoreV1.ListNamespacedConfigMapAsync("shop");
        var managed = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "app.kubernetes.io/managed-by=chatops-release");

        Assert.Equal(["checkout-flags", "other"], inShop.Items.Select(c => c.Metadata.Name).Order());
        Assert.Equal("checkout-flags", Assert.Single(managed.Items).Metadata.Name);
    }

    [Fact]
    public async Task Watch_ReceivesAddedModifiedDeleted()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("shop", cancellationToken: cts.Token);
        var events = new List<(WatchEventType Type, V1ConfigMap Object)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in Client.CoreV1.WatchListNamespacedConfigMapAsync(
                "shop", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                events.Add((type, item));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, cts.Token);

        await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags", ("a", "1")), "shop", cancellationToken: cts.Token);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "checkout-flags", "shop", cancellationToken: cts.Token);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("checkout-flags", "shop", cancellationToken: cts.Token);
        await watching.WaitAsync(cts.Token);

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("2", events[1].Object.Data["a"]);
        Assert.All(events, e => Assert.Equal(("ConfigMap", "checkout-flags"), (e.Object.Kind, e.Object.Metadata.Name)));
    }

    [Fact]
    public async Task Create_WithAnInvalidKey_Returns422Invalid_NamingTheKey()
    {
        var (code, status) = await ExpectErrorAsync(() => Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags", ("flags json", "{}")), "shop"));

        Assert.Equal((422, "Invalid"), (code, status.Reason));
        Assert.Equal(
            "ConfigMap \"checkout-flags\" is invalid: data[flags json]: Invalid value: \"flags json\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            status.Message);
        Assert.Equal("data[flags json]", Assert.Single(status.Details.Causes).Field);
    }

    [Fact]
    public async Task Create_WithAKeyInBothDataAndBinaryData_Returns422Invalid()
    {
        var map = NewConfigMap("checkout-flags", ("blob", "text"));

        var (code, status) = await ExpectErrorAsync(() => Client.CoreV1.CreateNamespacedConfigMapAsync(map, "shop"));

        Assert.Equal(422, code);
        Assert.Contains("data[blob]: Invalid value: \"blob\": duplicate of key present in binaryData", status.Message);
    }

    [Fact]
    public async Task CreateOrReplace_LargerThanOneMebibyte_Returns422TooLong()
    {
        var exactly = NewConfigMap("checkout-flags", ("big", new string('x', 1024 * 1024 - 3)));
        await Client.CoreV1.CreateNamespacedConfigMapAsync(exactly, "shop");
        var current = await Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-flags", "shop");
        current.Data["more"] = "x";

        var (code, status) = await ExpectErrorAsync(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(current, "checkout-flags", "shop"));

        Assert.Equal((422, "Invalid"), (code, status.Reason));
        Assert.Equal("ConfigMap \"checkout-flags\" is invalid: []: Too long: may not be more than 1048576 bytes", status.Message);
    }

    [Theory]
    [InlineData("""{"data":{"a":1}}""", "json: cannot unmarshal number into Go struct field ConfigMap.data of type string")]
    [InlineData("""{"binaryData":{"a":"not base64!"}}""", "illegal base64 data at input byte 3")]
    public async Task Create_WithANonStringValueOrBadBase64_Returns400LikeTheApiServer(string content, string detail)
    {
        var body = JsonNode.Parse(content)!.AsObject();
        body["metadata"] = new JsonObject { ["name"] = "checkout-flags" };
        using var http = new HttpClient();
        using var request = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(Sandbox.BaseAddress, "/api/v1/namespaces/shop/configmaps"), request);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: {detail}", (string?)status["message"]);
    }

    [Fact]
    public async Task Replace_OfAnImmutableMap_ChangingData_Returns422Forbidden()
    {
        var map = NewConfigMap("checkout-flags", ("a", "1"));
        map.Immutable = true;
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(map, "shop");
        created.Data["a"] = "2";

        var (code, status) = await ExpectErrorAsync(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "checkout-flags", "shop"));

        Assert.Equal(422, code);
        Assert.Contains("data: Forbidden: field is immutable when `immutable` is set", status.Message);
    }

    [Fact]
    public async Task Kubectl_GetConfigMaps_PrintsNameDataAge_AndGetCmAsJson_Parses_ButGetAll_LeavesThemOut()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("checkout-flags", ("flags.json", "{}"), ("featuremanagement.json", "{}")), "shop");
        await SeedCheckoutAsync();

        var table = await KubectlAsync("-n", "shop", "get", "configmaps");
        var json = await KubectlAsync("-n", "shop", "get", "cm", "checkout-flags", "-o", "json");
        var all = await KubectlAsync("-n", "shop", "get", "all");

        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Matches(@"^NAME\s+DATA\s+AGE\s*$", table.Output.Split('\n')[0]);
        Assert.Matches(@"checkout-flags\s+3\s+\d+s", table.Output);
        Assert.True(json.ExitCode == 0, json.Error);
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.Equal("ConfigMap", parsed.RootElement.GetProperty("kind").GetString());
        Assert.Equal("{}", parsed.RootElement.GetProperty("data").GetProperty("flags.json").GetString());
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains("deployment.apps/checkout", all.Output);
        Assert.DoesNotContain("configmap", all.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Discovery_ListsConfigMapsInCoreV1_WithShortNameCm_AndNoCategory()
    {
        using var http = new HttpClient();
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri(Sandbox.BaseAddress, "/api/v1")))!;

        var configMaps = list["resources"]!.AsArray().Single(r => (string?)r!["name"] == "configmaps")!;
        Assert.Equal(("ConfigMap", "configmap", true), ((string?)configMaps["kind"], (string?)configMaps["singularName"], (bool?)configMaps["namespaced"]));
        Assert.Equal(["cm"], configMaps["shortNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["create", "delete", "get", "list", "patch", "update", "watch"], configMaps["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Null(configMaps["categories"]);
    }

    private static V1ConfigMap NewConfigMap(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
        BinaryData = new Dictionary<string, byte[]> { ["blob"] = [1, 2, 3] },
    };

    private Task<(int ExitCode, string Output, string Error)> KubectlAsync(params string[] args) =>
        KubectlProcess.RunAsync(KubeconfigPath, Path.Combine(TempDirectory, "kube-cache"), args);
}

using System.Text.Json.Nodes;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>manifests/bot (embedded mode) and its PostgreSQL overlay, rendered by the real kubectl's kustomize.</summary>
public sealed class BotManifestsTests
{
    public const string Embedded = "manifests/bot";
    public const string Postgres = "manifests/bot/overlays/postgres";

    [Fact]
    public async Task Embedded_OneReplicaRecreatedOnAPersistentVolumeClaim()
    {
        var rendered = await Kustomize.RenderAsync(Embedded);
        var deployment = rendered.Single("Deployment", "chatops-release");

        Assert.Equal(("1", "Recreate"), ((string?)deployment["spec"]!["replicas"], (string?)deployment["spec"]!["strategy"]!["type"]));
        var claim = rendered.Single("PersistentVolumeClaim");
        Assert.Equal((string?)claim["metadata"]!["name"], (string?)Volume(deployment, "data")["persistentVolumeClaim"]?["claimName"]);
        Assert.Equal("/data", MountPath(deployment, "data"));
        Assert.Null(Env(deployment, "Storage__Provider"));
        Assert.Equal("litedb", (string?)Settings(rendered)["Storage"]!["Provider"]);
    }

    [Fact]
    public async Task Postgres_ThreeReplicasRollingWithoutAVolumeClaim_OnThePostgresProvider()
    {
        var rendered = await Kustomize.RenderAsync(Postgres);
        var deployment = rendered.Single("Deployment", "chatops-release");

        Assert.Equal(("3", "RollingUpdate"), ((string?)deployment["spec"]!["replicas"], (string?)deployment["spec"]!["strategy"]!["type"]));
        Assert.Empty(rendered.OfKind("PersistentVolumeClaim"));
        Assert.Null(Volume(deployment, "data")["persistentVolumeClaim"]);
        Assert.NotNull(Volume(deployment, "data")["emptyDir"]);
        Assert.Equal("postgres", Env(deployment, "Storage__Provider"));
        // The connection string comes from the Secret's file, never from the manifests.
        Assert.DoesNotContain("ConnectionString", await Kustomize.RenderTextAsync(Postgres), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Postgres)]
    public async Task Pod_ProbesHealthAndReadiness_NonRootOnAReadOnlyRoot_WithLimits(string folder)
    {
        var deployment = (await Kustomize.RenderAsync(folder)).Single("Deployment", "chatops-release");
        var container = Container(deployment);

        Assert.Equal(("/healthz", "http"), ((string?)container["livenessProbe"]!["httpGet"]!["path"], (string?)container["livenessProbe"]!["httpGet"]!["port"]));
        Assert.Equal(("/readyz", "http"), ((string?)container["readinessProbe"]!["httpGet"]!["path"], (string?)container["readinessProbe"]!["httpGet"]!["port"]));
        Assert.Equal("8080", (string?)Assert.Single(container["ports"]!.AsArray())!["containerPort"]);
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Assert.Equal("true", (string?)pod["securityContext"]!["runAsNonRoot"]);
        Assert.NotEqual("0", (string?)pod["securityContext"]!["runAsUser"]);
        var security = container["securityContext"]!;
        Assert.Equal(("true", "true", "false"), ((string?)security["runAsNonRoot"], (string?)security["readOnlyRootFilesystem"], (string?)security["allowPrivilegeEscalation"]));
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        Assert.Equal(("chatops-release", "chatops-release"), ((string?)pod["serviceAccountName"], (string?)deployment["metadata"]!["name"]));
        Assert.NotNull(Volume(deployment, "tmp")["emptyDir"]);
        Assert.Equal("/tmp", MountPath(deployment, "tmp"));
    }

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Postgres)]
    public async Task Settings_AGeneratedAppsettingsForTheCluster_MountedOverTheImagesOwn(string folder)
    {
        var rendered = await Kustomize.RenderAsync(folder);
        var settings = Settings(rendered);
        var deployment = rendered.Single("Deployment", "chatops-release");

        Assert.Equal("in-cluster", (string?)settings["Kubernetes"]!["Source"]);
        Assert.Contains((string?)settings["Kubernetes"]!["Source"], ChatOpsRelease.Bot.Kubernetes.KubernetesOptions.Sources);
        Assert.Equal("false", settings["Chat"]!["Console"]!["Enabled"]!.ToJsonString());
        Assert.Equal("http://0.0.0.0:8080", (string?)settings["Urls"]);
        Assert.Equal("/data", (string?)settings["Storage"]!["DataDirectory"]);
        Assert.NotEmpty(settings["Apps"]!.AsObject());
        Assert.NotEmpty(settings["Access"]!["Grants"]!.AsArray());
        var configMap = rendered.Single("ConfigMap");
        Assert.Equal((string?)configMap["metadata"]!["name"], (string?)Volume(deployment, "settings")["configMap"]!["name"]);
        var mount = Mount(deployment, "settings");
        Assert.Equal(("/app/appsettings.json", "appsettings.json"), ((string?)mount["mountPath"], (string?)mount["subPath"]));
    }

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Postgres)]
    public async Task Secrets_MountedFromTheTemplatesSecret_AsTheSecretsDirectory_AndNoneRendered(string folder)
    {
        var rendered = await Kustomize.RenderAsync(folder);
        var deployment = rendered.Single("Deployment", "chatops-release");
        var template = Rendered.Parse(await File.ReadAllTextAsync(Kustomize.PathOf("manifests", "bot", "secret.example.yaml"))).Single("Secret");

        Assert.Empty(rendered.OfKind("Secret"));
        Assert.Equal((string?)template["metadata"]!["name"], (string?)Volume(deployment, "secrets")["secret"]!["secretName"]);
        Assert.Equal((string?)template["metadata"]!["namespace"], (string?)deployment["metadata"]!["namespace"]);
        Assert.Equal(MountPath(deployment, "secrets"), Env(deployment, "SecretsDirectory"));
        var keys = template["stringData"]!.AsObject().Select(k => k.Key).ToList();
        Assert.Contains("Storage__Postgres__ConnectionString", keys);
        Assert.Contains("Chat__Slack__BotToken", keys);
        Assert.Contains("Chat__Teams__AppPassword", keys);
        Assert.All(template["stringData"]!.AsObject(), k => Assert.Equal(string.Empty, (string?)k.Value));
    }

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Postgres)]
    public async Task Service_SendsPort80ToTheBotsHttpPort(string folder)
    {
        var rendered = await Kustomize.RenderAsync(folder);
        var service = rendered.Single("Service", "chatops-release");
        var deployment = rendered.Single("Deployment", "chatops-release");

        Assert.Equal("http", (string?)Assert.Single(service["spec"]!["ports"]!.AsArray())!["targetPort"]);
        Assert.Equal(
            service["spec"]!["selector"]!.ToJsonString(),
            deployment["spec"]!["selector"]!["matchLabels"]!.ToJsonString());
    }

    /// <summary>The appsettings.json of the generated ConfigMap.</summary>
    internal static JsonObject Settings(Rendered rendered) =>
        JsonNode.Parse((string)rendered.Single("ConfigMap")["data"]!["appsettings.json"]!)!.AsObject();

    private static JsonNode Container(JsonObject deployment) =>
        Assert.Single(deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!;

    private static JsonNode Volume(JsonObject deployment, string name) =>
        Assert.Single(deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray(), v => (string?)v!["name"] == name)!;

    private static JsonNode Mount(JsonObject deployment, string name) =>
        Assert.Single(Container(deployment)["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == name)!;

    private static string? MountPath(JsonObject deployment, string name) => (string?)Mount(deployment, name)["mountPath"];

    private static string? Env(JsonObject deployment, string name) =>
        (string?)Container(deployment)["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == name)?["value"];
}

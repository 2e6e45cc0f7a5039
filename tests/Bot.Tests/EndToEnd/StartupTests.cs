using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>Configuration mistakes stop the bot at start-up with sentences that name the setting.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Apps:checkout:Router", "istio", "Apps:checkout:Router 'istio' is not a router this bot has; known routers: replicas, nginx, gateway.")]
    [InlineData("Storage:Provider", "mongodb", "Storage:Provider is 'mongodb'; known providers: litedb, postgres.")]
    [InlineData("Storage:Provider", "postgres", "Storage:Postgres:ConnectionString is needed when Storage:Provider is postgres (e.g. Host=db;Database=chatops;Username=bot, with the password from a secret file Storage__Postgres__ConnectionString).")]
    [InlineData("Kubernetes:Source", "cloud", "Kubernetes:Source is 'cloud'; it must be one of auto, kubeconfig, in-cluster, sandbox.")]
    [InlineData("Releases:WeightLadder:1", "3", "Releases:WeightLadder (5, 3, 50) must rise step by step.")]
    [InlineData("Jobs:QueuePollInterval", "00:01:00", "Jobs:QueuePollInterval is 00:01:00; it must be positive and at most 15 s, or queued commands wait too long.")]
    [InlineData("Apps:checkout:Namespace", "Shop_Prod", "Apps:checkout:Namespace 'Shop_Prod' is not a valid Kubernetes name.")]
    [InlineData("Chat:Slack:BotToken", "xoxb-1", "Chat:Slack is half configured: set SigningSecret (HTTP endpoints) or AppToken (Socket Mode), or both.")]
    [InlineData("Chat:Slack:SigningSecret", "abc", "Chat:Slack is half configured: BotToken is missing (the bot's xoxb- token; set Chat__Slack__BotToken or a secret file).")]
    [InlineData("Chat:Slack:AppToken", "xoxb-wrong-kind", "Chat:Slack:AppToken does not look like an app-level token (it should start with xapp-).")]
    [InlineData("Chat:Teams:AppPassword", "secret", "Chat:Teams is half configured: AppId is missing (the bot's Microsoft App ID; set Chat__Teams__AppId).")]
    [InlineData("Chat:Teams:AppId", "app-1", "Chat:Teams is half configured: AppPassword (or CertificatePath) is missing, so the bot could not answer.")]
    [InlineData("Apps:checkout:Metrics", "prometheus", "Apps:checkout:Metrics 'prometheus' is not a metric source this bot has; configured sources: sandbox (prometheus needs Metrics:Prometheus:Url, elasticsearch needs Metrics:Elasticsearch:Url).")]
    [InlineData("Metrics:Default", "datadog", "Apps:checkout:Metrics 'datadog' is not a metric source this bot has; configured sources: sandbox (prometheus needs Metrics:Prometheus:Url, elasticsearch needs Metrics:Elasticsearch:Url).")]
    [InlineData("Apps:checkout:Analysis:MaxErrorRateIncrease", "2", "Apps:checkout:Analysis:MaxErrorRateIncrease must be more than 0 and less than 1 (0.01 is one percentage point).")]
    [InlineData("Apps:checkout:Analysis:Confidence", "0.2", "Apps:checkout:Analysis:Confidence must be at least 0.5 and less than 1 (0.95 by default).")]
    [InlineData("Apps:checkout:Analysis:MinRequests", "0", "Apps:checkout:Analysis:MinRequests must be at least 1.")]
    [InlineData("Apps:checkout:Analysis:MaxLatencyRatio", "0.5", "Apps:checkout:Analysis:MaxLatencyRatio must be 1 or more (1.25 lets the canary's p95 be a quarter slower).")]
    [InlineData("Apps:checkout:Analysis:DefaultWindow", "00:00:10", "Apps:checkout:Analysis:DefaultWindow must be between 1 minute and 7 days.")]
    [InlineData("Sandbox:Traffic:ErrorRate", "1.5", "Sandbox:Traffic:ErrorRate must be between 0 and 1.")]
    [InlineData("Metrics:Prometheus:Url", "not a url", "Metrics:Prometheus:Url 'not a url' is not an absolute http(s) address.")]
    [InlineData("Apps:checkout:Plan", "yolo", "Apps:checkout:Plan 'yolo' is not a plan this bot has; known plans: edge-first, standard (plans come from the Plans section and from files in Releases:PlansDirectory).")]
    [InlineData("Apps:checkout:Waves:1", "mars", "Apps:checkout:Waves names the cluster 'mars', which is not configured; clusters: sandbox (add it under Kubernetes:Clusters).")]
    [InlineData("Apps:checkout:Analysis:OnFail", "Shrug", "Apps:checkout:Analysis:OnFail must be Rollback or Pause.")]
    [InlineData("Plans:quick:Steps:0:Weight", "120", "Plan 'quick' (configuration Plans:quick), step 1: a step needs a Name of letters, digits, '-' or '_' (e.g. edge, compat, perf, full).")]
    [InlineData("Plans:quick:Steps:0:Bake", "soon", "Plan 'quick' (configuration Plans:quick), step 1: Bake 'soon' is not a duration (write 10m, 1h30m or 00:10:00).")]
    [InlineData("Releases:PlansDirectory", "no/such/folder", "Releases:PlansDirectory 'no/such/folder' does not exist.")]
    [InlineData("Access:Grants:0:Role", "boss", "Access:Grants:0:Role 'boss' is not a role; roles: viewer, deployer, approver, admin.")]
    [InlineData("Access:Grants:0:Apps:0", "cart", "Access:Grants:0:Apps names the app 'cart', which is not configured; apps: checkout, payments, search (or * for every app).")]
    [InlineData("Approvals:Quorum", "0", "Approvals:Quorum is 0; it must be between 1 and 10 approvers.")]
    [InlineData("Schedules:TimeZone", "Mars/Olympus", "Schedules:TimeZone 'Mars/Olympus' is not a time zone I know (use an IANA id such as Europe/Berlin, or UTC).")]
    [InlineData("Apps:checkout:Gates:0:Name", "latency", "Apps:checkout:Gates:0: 'latency' is not a built-in metric (cpu, memory, cpu-per-request, restarts, availability), so it needs a Query.")]
    [InlineData("Apps:checkout:Gates:0:Name", "errors", "Apps:checkout:Gates:0: errors (error rate and p95) is always judged, with Apps:<app>:Analysis; leave it out of Gates.")]
    [InlineData("Apps:checkout:Strategy", "purple", "Apps:checkout:Strategy 'purple' is not a strategy; use canary or bluegreen.")]
    [InlineData("Apps:checkout:FlagMap", "Checkout_Flags", "Apps:checkout:FlagMap 'Checkout_Flags' is not a valid ConfigMap name (lower-case letters, digits, '-' and '.').")]
    [InlineData("Flags:Approval:production", "sometimes", "Flags:Approval:production is 'sometimes'; it must be true or false.")]
    [InlineData("Freezes:Calendar:0:Name", "weekend", "Freezes:Calendar:0 'weekend': Duration 00:00:00 must be more than zero and at most 31 days.")]
    public async Task InvalidSetting_StopsStartWithAClearSentence(string key, string value, string expected)
    {
        var failures = await StartFailuresAsync(new Dictionary<string, string?> { [key] = value });
        Assert.Contains(expected, failures);
    }

    [Fact]
    public async Task APlanStepGatedByAMetricTheAppDoesNotMeasure_StopsStart()
    {
        var failures = await StartFailuresAsync(new Dictionary<string, string?>
        {
            ["Plans:phased:Steps:0:Name"] = "perf",
            ["Plans:phased:Steps:0:Weight"] = "50",
            ["Plans:phased:Steps:0:Bake"] = "00:10:00",
            ["Plans:phased:Steps:0:Gates:0"] = "errors",
            ["Plans:phased:Steps:0:Gates:1"] = "cpu",
            ["Plans:phased:Steps:1:Name"] = "full",
            ["Plans:phased:Steps:1:Weight"] = "100",
            ["Apps:checkout:Plan"] = "phased",
        });

        Assert.Contains("Apps:checkout:Plan 'phased', step perf, is gated by 'cpu', which checkout does not measure; its gates: errors (add it under Apps:checkout:Gates).", failures);
    }

    [Fact]
    public async Task APlanFile_IsReadFromThePlansDirectory_AndItsMistakesNameTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-plans-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "slow.yaml"), """
                steps:
                  - name: compat
                    weight: 5
                    bake: 30m
                    analysis: true
                  - name: perf
                    weight: 2
                    bake: 1h
                  - name: full
                    weight: 100
                """);
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.yaml"), "steps:\n  - name: [unclosed\n");

            var failures = await StartFailuresAsync(new Dictionary<string, string?> { ["Releases:PlansDirectory"] = folder, ["Apps:checkout:Plan"] = "slow" });

            Assert.Contains(failures, f => f.StartsWith("Plan 'slow' (", StringComparison.Ordinal)
                && f.EndsWith("slow.yaml), step 2 'perf': Weight 2% must be more than the 5% of the step before; weights only rise.", StringComparison.Ordinal));
            Assert.Contains(failures, f => f.StartsWith("The plan file ", StringComparison.Ordinal) && f.Contains("broken.yaml cannot be read at line", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string>> StartFailuresAsync(Dictionary<string, string?> settings)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await BotTestHost.CreateAsync(string.Empty, settings);
            await host.RunToEndAsync(TimeSpan.FromSeconds(20));
        });

        var failures = ex switch
        {
            OptionsValidationException one => one.Failures,
            AggregateException many => many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures),
            _ => [],
        };
        return failures.ToList();
    }
}

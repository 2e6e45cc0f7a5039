using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Tests.Support;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// Blue-green releases typed in the terminal of the real bot against the sandbox cluster: which pods the live Service and
/// the preview Service select at each stage, the switch, the switch back, and the old colour retired after its keep time.
/// </summary>
public sealed class BlueGreenTerminalTests
{
    private const string Old = "registry.example/checkout:v1.0.0";
    private const string New = "registry.example/checkout:v2.0.0";

    [Fact]
    public async Task Preview_Switch_ThenTheOldColourIsRetiredAfterItsKeepTime()
    {
        var snapshots = new Dictionary<string, Selection>();
        var output = new StringWriter();
        BotTestHost? bot = null;
        var script = new GatedScript(
            ("deploy checkout v2.0.0 --strategy bluegreen", null),
            ("switch checkout", () => Take(bot!, snapshots, "preview")),
            ("status checkout", () => Take(bot!, snapshots, "switched")),
            ("rollback checkout", () => output.ToString().Contains("the old colour v1.0.0 is retired", StringComparison.Ordinal)));
        await using (bot = await CreateAsync(script, output, new() { ["Apps:checkout:BlueGreen:KeepOld"] = "00:00:02" }))
        {
            await bot.RunToEndAsync(TimeSpan.FromSeconds(90));
            var terminal = output.ToString();

            var preview = snapshots["preview"];
            Assert.Equal(Enumerable.Repeat(Old, 4), preview.Live);
            Assert.Equal(Enumerable.Repeat(New, 4), preview.Preview);
            var switched = snapshots["switched"];
            Assert.Equal(Enumerable.Repeat(New, 4), switched.Live);
            Assert.Equal(4, switched.OldPods);
            Assert.Contains("checkout: everyone is on v2.0.0 now (`checkout-canary`); v1.0.0 keeps 4 pods for 2 s", terminal, StringComparison.Ordinal);
            Assert.Contains("blue-green, switched: v2.0.0 serves everyone, v1.0.0 kept on 4 pods until", terminal, StringComparison.Ordinal);
            Assert.Contains("checkout: the old colour v1.0.0 is retired; v2.0.0 is the stable version on 4 pods", terminal, StringComparison.Ordinal);
            Assert.Contains("old colour v1.0.0 was retired at", terminal, StringComparison.Ordinal);

            var after = Select(bot);
            Assert.Equal(Enumerable.Repeat(New, 4), after.Live);
            Assert.Null(bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
            Assert.Null(bot.Sandbox.GetObject("Service", "shop", "checkout-canary"));
            Assert.Null(bot.Sandbox.GetObject("Service", "shop", "checkout")!["spec"]!["selector"]!["track"]);
        }
    }

    [Fact]
    public async Task RollbackAfterTheSwitch_SwitchesBack_AndRollbackBeforeIt_DropsThePreview()
    {
        var snapshots = new Dictionary<string, Selection>();
        var output = new StringWriter();
        BotTestHost? bot = null;
        var script = new GatedScript(
            ("deploy checkout v2.0.0 --strategy bluegreen", null),
            ("switch checkout keep old for 1h", null),
            ("rollback checkout", () => Take(bot!, snapshots, "switched")),
            ("deploy checkout v2.0.0 --strategy bluegreen", () => Take(bot!, snapshots, "back")),
            ("rollback checkout", null),
            ("deploy checkout v2.1.0", null),
            ("deploy checkout v2.2.0 --strategy bluegreen", null));
        await using (bot = await CreateAsync(script, output))
        {
            await bot.RunToEndAsync(TimeSpan.FromSeconds(90));
            var terminal = output.ToString();

            Assert.Equal(Enumerable.Repeat(New, 4), snapshots["switched"].Live);
            Assert.Equal(Enumerable.Repeat(Old, 4), snapshots["back"].Live);
            Assert.Null(snapshots["back"].Preview);
            Assert.Contains("switching back to v1.0.0 at once — its 4 pods are still up", terminal, StringComparison.Ordinal);
            Assert.Contains("the preview colour v2.0.0 (checkout-canary) is removed; everyone stays on v1.0.0", terminal, StringComparison.Ordinal);
            Assert.Contains("checkout already has an unfinished release", terminal, StringComparison.Ordinal);
        }
    }

    private static Task<BotTestHost> CreateAsync(GatedScript script, StringWriter output, Dictionary<string, string?>? settings = null) =>
        BotTestHost.CreateAsync(string.Empty, settings, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, TextWriter.Synchronized(output), interactive: false));
        });

    private static bool Take(BotTestHost bot, Dictionary<string, Selection> snapshots, string name)
    {
        snapshots[name] = Select(bot);
        return true;
    }

    /// <summary>The images of the ready pods each Service selects now (null: no such Service), and the old colour's pod count.</summary>
    private static Selection Select(BotTestHost bot)
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(bot.DataDirectory, "sandbox.kubeconfig")));
        var pods = client.CoreV1.ListNamespacedPod("shop").Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        List<string>? Images(string service)
        {
            var selector = bot.Sandbox.GetObject("Service", "shop", service)?["spec"]?["selector"]?.AsObject();
            return selector is null
                ? null
                : pods.Where(p => selector.All(kv => p.Metadata.Labels is { } labels && labels.TryGetValue(kv.Key, out var value) && value == (string?)kv.Value))
                    .Select(p => p.Spec.Containers[0].Image).Order(StringComparer.Ordinal).ToList();
        }

        var old = (int?)bot.Sandbox.GetObject("Deployment", "shop", "checkout")?["spec"]?["replicas"] ?? 0;
        return new Selection(Images("checkout") ?? [], Images("checkout-canary"), old);
    }

    private sealed record Selection(List<string> Live, List<string>? Preview, int OldPods);
}

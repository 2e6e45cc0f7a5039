using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat;

/// <summary>What the hostile-payload tests share: viewers only, the sandbox watched for changes, and checks of what the bot sends.</summary>
internal static partial class HostileChat
{
    /// <summary>Everyone on the platform is a viewer, and nobody is more: no command can be accepted.</summary>
    public static Dictionary<string, string?> Viewers(string platform) => new()
    {
        ["Access:Grants:0:Who:0"] = $"{platform}:*",
        ["Access:Grants:0:Role"] = "viewer",
    };

    /// <summary>Starts watching the sandbox: its apps' objects as seeded, and every change of anything but pods from now on.</summary>
    public static Task<ClusterWatch> WatchAsync(BotTestHost bot) => ClusterWatch.StartAsync(bot.Sandbox);

    /// <summary>
    /// Once every body was sent: each delivery is answered, no body got a 5xx (and some a 400), nothing was logged as an
    /// error, and the cluster is as seeded.
    /// </summary>
    public static async Task AssertHandledAsync(
        BotTestHost bot, string platform, IReadOnlyList<(int Status, string Body)> statuses, CapturingLoggerProvider logs, ClusterWatch cluster)
    {
        await WaitForInboxAsync(bot, platform);
        Assert.Empty(statuses.Where(s => s.Status >= 500).Select(s => $"{s.Status}: {s.Body[..Math.Min(200, s.Body.Length)]}"));
        Assert.Contains(statuses, s => s.Status == 400);
        Assert.Empty(logs.Entries.Where(e => e.Level is LogLevel.Error or LogLevel.Critical).Select(e => e.AllText[..Math.Min(2000, e.AllText.Length)]));
        await cluster.AssertUnchangedAsync();
    }

    /// <summary>Waits until the platform's inbox holds no delivery left to answer.</summary>
    private static async Task WaitForInboxAsync(BotTestHost bot, string platform)
    {
        var inbox = bot.App.Services.GetRequiredService<IChatInbox>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await inbox.PendingAsync(platform, CancellationToken.None)).Count > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The bot did not answer every delivery within a minute.");
            await Task.Delay(50);
        }
    }

    /// <summary>Slack text the bot sent: readable, and no mention, channel ping or link but the asker's mention at its start.</summary>
    public static void AssertSlackSafe(string? text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), "The bot sent an empty Slack message.");
        var body = LeadingMention().Replace(text, string.Empty);
        Assert.True(!body.Contains('<') && !body.Contains('>'), $"Unescaped markup in: {text[..Math.Min(300, text.Length)]}");
        AssertReadable(text);
    }

    /// <summary>Teams markdown the bot sent: readable, no HTML, mention or link outside code spans, and every code span closed.</summary>
    public static void AssertTeamsSafe(string? text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), "The bot sent an empty Teams message.");
        var spans = text.Split('`');
        Assert.True(spans.Length % 2 == 1, $"An unclosed code span in: {text[..Math.Min(300, text.Length)]}");
        var outside = string.Concat(spans.Where((_, i) => i % 2 == 0));
        Assert.True(!outside.Contains('<') && !outside.Contains('>') && !outside.Contains("](", StringComparison.Ordinal),
            $"Markup outside code spans in: {text[..Math.Min(300, text.Length)]}");
        AssertReadable(text);
    }

    private static void AssertReadable(string text)
    {
        Assert.True(text.Length <= 40_000, $"A message of {text.Length} characters.");
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        for (var i = 0; i < text.Length; i++)
        {
            Assert.False(char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i) && !(i > 0 && char.IsSurrogatePair(text, i - 1)), $"A lone surrogate in: {text}");
        }

        Assert.False(ExceptionText().IsMatch(text), $"Exception text in: {text[..Math.Min(300, text.Length)]}");
    }

    [GeneratedRegex(@"^<@[A-Z0-9]+> ")]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"   at |\b[A-Z][A-Za-z]*Exception\b|Something went wrong")]
    private static partial Regex ExceptionText();
}

/// <summary>The sandbox's apps as seeded (specs, not status), and the changes made to anything but pods since the watch began.</summary>
internal sealed class ClusterWatch : IAsyncDisposable
{
    private static readonly string[] Kinds = ["Deployment", "Service", "Ingress", "HTTPRoute"];
    private static readonly string[] Names = ["checkout", "payments", "search", "checkout-canary", "payments-canary", "search-canary"];

    private readonly SandboxCluster _sandbox;
    private readonly string _seeded;
    private readonly List<SandboxChange> _changes = [];

    private ClusterWatch(SandboxCluster sandbox)
    {
        _sandbox = sandbox;
        _seeded = Snapshot();
        sandbox.Changed += Record;
    }

    public static async Task<ClusterWatch> StartAsync(SandboxCluster sandbox)
    {
        await Task.Delay(300); // the seeded pods become ready shortly after the start
        return new ClusterWatch(sandbox);
    }

    public async Task AssertUnchangedAsync()
    {
        await Task.Delay(200);
        lock (_changes)
        {
            Assert.Empty(_changes.Where(c => c.Kind != "Pod" && c.Type != "MODIFIED").Select(c => $"{c.Type} {c.Kind} {c.Namespace}/{c.Name}"));
        }

        Assert.Equal(_seeded, Snapshot());
    }

    public ValueTask DisposeAsync()
    {
        _sandbox.Changed -= Record;
        return ValueTask.CompletedTask;
    }

    private void Record(SandboxChange change)
    {
        lock (_changes)
        {
            _changes.Add(change);
        }
    }

    private string Snapshot() => string.Join('\n', Kinds.SelectMany(kind => Names.Select(name =>
    {
        var found = _sandbox.GetObject(kind, "shop", name);
        found?.Remove("status");
        (found?["metadata"] as JsonObject)?.Remove("resourceVersion");
        return $"{kind} {name}: {found?.ToJsonString() ?? "none"}";
    })));
}

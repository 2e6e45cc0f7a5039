using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class HelpHandlerTests
{
    [Fact]
    public async Task Help_ListsEveryVerbWithItsUsage()
    {
        var reply = await new HandlerHarness().SayAsync("help");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.All(Verbs.All, verb => Assert.Contains($"• `{verb.Usage}` — {verb.Summary}", reply.Text, StringComparison.Ordinal));
        Assert.Contains("`--dry-run`", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForAnAlias_ExplainsTheVerbAndItsAliases()
    {
        var reply = await new HandlerHarness().SayAsync("help abort");

        Assert.StartsWith("`rollback <app|canary> [--dry-run]`\nRemove the canary", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Also: `abort`.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForAVerbWithoutAliases_HasNoAlsoLine()
    {
        var reply = await new HandlerHarness().SayAsync("help promote");

        Assert.Contains("Lowering the weight needs `--force`", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Also:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForRoute_ExplainsTheFormsAndTheRouters()
    {
        var reply = await new HandlerHarness().SayAsync("help route");

        Assert.StartsWith("`route <app|canary> header <Name>=<value> | cookie <name> [for <duration>] | clear [--dry-run]`\nSend chosen requests", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`canary=always`", reply.Text, StringComparison.Ordinal);
        Assert.Contains("the replica router cannot", reply.Text, StringComparison.Ordinal);
    }
}

using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.BlueGreen;

public sealed class BlueGreenParserTests
{
    [Theory]
    [InlineData("deploy checkout v2 --strategy bluegreen", ReleaseStrategy.BlueGreen)]
    [InlineData("deploy checkout v2 --strategy=blue-green", ReleaseStrategy.BlueGreen)]
    [InlineData("deploy --strategy BlueGreen checkout v2", ReleaseStrategy.BlueGreen)]
    [InlineData("deploy checkout v2 --strategy canary --auto", ReleaseStrategy.Canary)]
    public void Deploy_TakesAStrategy(string text, ReleaseStrategy strategy)
    {
        var command = Assert.IsType<DeployCommand>(CommandParser.Parse(text).Command);

        Assert.Equal(("checkout", "v2", (ReleaseStrategy?)strategy), (command.App, command.Version, command.Flags.Strategy));
    }

    [Theory]
    [InlineData("switch checkout", null)]
    [InlineData("switch canary keep old for 2h", 120)]
    [InlineData("switch checkout keep old for 1h 30m", 90)]
    public void Switch_TakesAnOptionalKeepTime(string text, int? minutes)
    {
        var command = Assert.IsType<SwitchCommand>(CommandParser.Parse(text).Command);

        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, command.KeepOld);
    }

    [Theory]
    [InlineData("deploy checkout v2 --strategy", "`--strategy` takes `canary` or `bluegreen`, e.g.")]
    [InlineData("deploy checkout v2 --strategy rainbow", "`--strategy` takes `canary` or `bluegreen`, not `rainbow`")]
    [InlineData("deploy checkout v2 --strategy bluegreen --auto", "`--auto` does not go with `--strategy bluegreen`")]
    [InlineData("promote checkout 20% --strategy bluegreen", "`--strategy` is for `deploy`")]
    [InlineData("switch", "`switch` needs a release")]
    [InlineData("switch 50%", "`switch` takes a release, not a weight")]
    [InlineData("switch checkout now", "I didn't understand `now` after `switch checkout`")]
    [InlineData("switch checkout keep old for ever", "I expected a duration like")]
    [InlineData("switch checkout keep old for 8d", "from 1 minute to 7 days")]
    [InlineData("switch checkout --auto", "`--auto` is for `deploy`")]
    public void BadInput_IsRefusedWithASentence(string text, string expected)
    {
        var result = CommandParser.Parse(text);

        Assert.Null(result.Command);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Switch_MayBeForcedByAnAdminDuringAFreeze_AndDryRun()
    {
        Assert.True(CommandParser.Parse("switch checkout --force").Command!.Flags.Force);
        Assert.True(CommandParser.Parse("switch checkout --dry-run").Command!.Flags.DryRun);
    }
}

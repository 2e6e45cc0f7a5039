using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Tests.Flags;

public sealed class FlagParserTests
{
    private static T Parsed<T>(string text)
        where T : Command
    {
        var result = CommandParser.Parse(text);
        Assert.True(result.Command is not null, $"`{text}` was refused: {result.Error}");
        return Assert.IsType<T>(result.Command);
    }

    private static string Refused(string text)
    {
        var result = CommandParser.Parse(text);
        Assert.Null(result.Command);
        return result.Error!;
    }

    [Theory]
    [InlineData("flag demo new-checkout on", FlagChangeKind.On)]
    [InlineData("flag demo new-checkout enable", FlagChangeKind.On)]
    [InlineData("flag demo new-checkout OFF", FlagChangeKind.Off)]
    [InlineData("flag demo new-checkout disable", FlagChangeKind.Off)]
    public void OnAndOff(string text, FlagChangeKind kind)
    {
        var command = Parsed<FlagCommand>(text);

        Assert.Equal(("demo", "new-checkout", kind), (command.App, command.Flag, command.Setting.Kind));
        Assert.Null(command.Setting.End);
    }

    [Theory]
    [InlineData("flag demo new-checkout 30%", 30)]
    [InlineData("flag demo new-checkout 30 %", 30)]
    [InlineData("flag demo new-checkout 30", 30)]
    [InlineData("flag demo new-checkout 0%", 0)]
    [InlineData("flag demo new-checkout 100 percent", 100)]
    public void APercentage(string text, int percent)
    {
        var command = Parsed<FlagCommand>(text);

        Assert.Equal((FlagChangeKind.Percentage, percent), (command.Setting.Kind, command.Setting.Percentage));
    }

    [Theory]
    [InlineData("flag demo new-checkout 10% of requests", 10)]
    [InlineData("flag demo new-checkout 10 % of requests", 10)]
    [InlineData("flag demo new-checkout 10% requests for 1h", 10)]
    public void AShareOfRequests(string text, int percent)
    {
        var command = Parsed<FlagCommand>(text);

        Assert.Equal((FlagChangeKind.RequestPercentage, percent), (command.Setting.Kind, command.Setting.Percentage));
    }

    [Fact]
    public void Users_AreReadWithCommasOrSpaces_AndDeduplicated()
    {
        var command = Parsed<FlagCommand>("flag demo new-checkout users alice, bob carol@example.com,alice");

        Assert.Equal(FlagChangeKind.Users, command.Setting.Kind);
        Assert.Equal(["alice", "bob", "carol@example.com"], command.Setting.Users);
    }

    [Fact]
    public void Groups_TakeAnOptionalShareOfTheirMembers()
    {
        var command = Parsed<FlagCommand>("flag demo new-checkout groups beta,staff:50%");

        Assert.Equal([new FlagGroup("beta", 100), new FlagGroup("staff", 50)], command.Setting.Groups);
    }

    [Theory]
    [InlineData("flag demo f users none", FlagChangeKind.Users)]
    [InlineData("flag demo f groups none", FlagChangeKind.Groups)]
    public void None_EmptiesTheList(string text, FlagChangeKind kind)
    {
        var command = Parsed<FlagCommand>(text);

        Assert.Equal(kind, command.Setting.Kind);
        Assert.Empty((IEnumerable<object>?)command.Setting.Users ?? command.Setting.Groups!);
    }

    [Fact]
    public void ForADuration_GoesWithASetting_OrAlone()
    {
        var withSetting = Parsed<FlagCommand>("flag demo new-checkout 30% for 2h");
        var alone = Parsed<FlagCommand>("flag demo new-checkout for 90 minutes");
        var until = Parsed<FlagCommand>("flag demo new-checkout on until 18:00 Europe/Berlin");

        Assert.Equal((FlagChangeKind.Percentage, TimeSpan.FromHours(2)), (withSetting.Setting.Kind, withSetting.Setting.End!.Delay));
        Assert.Equal((FlagChangeKind.End, TimeSpan.FromMinutes(90)), (alone.Setting.Kind, alone.Setting.End!.Delay));
        Assert.Equal(FlagChangeKind.On, until.Setting.Kind);
        Assert.NotNull(until.Setting.End);
    }

    [Fact]
    public void ListHistoryAndShow()
    {
        Assert.Equal("demo", Parsed<FlagListCommand>("flags demo").App);
        Assert.Null(Parsed<FlagListCommand>("flags").App);
        Assert.Equal(("demo", "new-checkout"), (Parsed<FlagListCommand>("flag demo new-checkout").App, Parsed<FlagListCommand>("flag demo new-checkout").Flag));
        Assert.Equal(("demo", "new-checkout"), (Parsed<FlagHistoryCommand>("flag demo new-checkout history").App, Parsed<FlagHistoryCommand>("flag demo new-checkout history").Flag));
    }

    [Fact]
    public void DryRunAndForce_AreTaken()
    {
        Assert.True(Parsed<FlagCommand>("flag demo f on --dry-run").Flags.DryRun);
        Assert.True(Parsed<FlagCommand>("flag demo f on --force").Flags.Force);
    }

    [Theory]
    [InlineData("flag", "`flag` needs an app, a flag and what to do with it")]
    [InlineData("flag demo", "`flag` needs an app, a flag and what to do with it")]
    [InlineData("flag Demo_App f on", "is not an app name")]
    [InlineData("flag demo new:checkout on", "`new:checkout` is not a flag name")]
    [InlineData("flag demo -flag on", "I don't know the option `-flag`")]
    [InlineData("flag demo f 130%", "0% to 100%, not 130%")]
    [InlineData("flag demo f maybe", "I didn't understand `maybe` for a flag")]
    [InlineData("flag demo f on now", "I didn't understand `on now` for a flag")]
    [InlineData("flag demo f users", "`users` needs a list")]
    [InlineData("flag demo f users al ice!", "`ice!` is not a user id I can target")]
    [InlineData("flag demo f groups beta:150%", "`beta:150%` is not a group I can target")]
    [InlineData("flag demo f groups beta,beta", "The group `beta` is named twice")]
    [InlineData("flag demo f off for 2h", "`off` lasts until someone turns the flag on again")]
    [InlineData("flag demo f on for", "I expected a duration like")]
    [InlineData("flag demo f on for 2h please", "I didn't understand `please` after `for 2h`")]
    [InlineData("flag demo f on for 31d", "`for 31d` must be between 1 minute and 30 days")]
    [InlineData("flag demo f on until noon", "I expected a time of day like `14:30`")]
    [InlineData("flag demo f 150% of requests", "needs a share from 0% to 100% before `of requests`")]
    [InlineData("flag demo f of requests", "needs a share from 0% to 100% before `of requests`")]
    [InlineData("flags demo extra", "I didn't understand `extra` after `flags demo`")]
    [InlineData("flags demo --dry-run", "`--dry-run` is for commands that change the cluster")]
    [InlineData("flag demo f history --dry-run", "`--dry-run` is for commands that change the cluster")]
    [InlineData("flag demo f on --auto", "`--auto` is for `deploy`")]
    public void BadInput_IsRefusedWithASentence(string text, string expected)
    {
        Assert.Contains(expected, Refused(text), StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyUsers_AreRefused()
    {
        var users = string.Join(',', Enumerable.Range(0, FlagParser.MaxNames + 1).Select(i => $"u{i}"));

        Assert.Contains("a flag takes at most 100", Refused($"flag demo f users {users}"), StringComparison.Ordinal);
    }
}

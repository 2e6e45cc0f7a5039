using ChatOpsRelease.Commands.Parsing;
using NodaTime;

namespace ChatOpsRelease.Commands.Tests.Parsing;

public sealed class ConsentParserTests
{
    private static T Parsed<T>(string text)
        where T : Command
    {
        var result = CommandParser.Parse(text);
        Assert.True(result.Succeeded, $"`{text}` did not parse: {result.Error}");
        return Assert.IsType<T>(result.Command);
    }

    [Fact]
    public void RequestApproval_ReadsTheTargetAndTheReason()
    {
        var command = Parsed<RequestApprovalCommand>("request approval checkout going to half tonight");

        Assert.Equal(("checkout", "going to half tonight"), (command.Target.App, command.Reason));
        Assert.True(Parsed<RequestApprovalCommand>("request approval canary").Target.IsCanary);
    }

    [Theory]
    [InlineData("approve A1B2C3 looks good", "a1b2c3", "looks good")]
    [InlineData("approve a1b2c3", "a1b2c3", "")]
    public void Approve_ReadsTheIdAndTheComment(string text, string id, string comment)
    {
        var command = Parsed<ApproveCommand>(text);
        Assert.Equal((id, comment), (command.Id, command.Comment));
    }

    [Fact]
    public void RejectAndItsAlias_ReadTheReason()
    {
        Assert.Equal("error budget spent", Parsed<RejectCommand>("reject a1b2c3 error budget spent").Reason);
        Assert.Equal("a1b2c3", Parsed<RejectCommand>("deny a1b2c3").Id);
    }

    [Fact]
    public void SchedulePromote_At_ReadsTheClockTimeAndTheZone()
    {
        var command = Parsed<SchedulePromoteCommand>("schedule promote checkout 50% at 14:30 Asia/Shanghai");

        Assert.Equal((PromoteKind.Weight, 50, "checkout"), (command.Promote.Kind, command.Promote.Weight, command.Promote.Target.App));
        Assert.Equal((new LocalTime(14, 30), "Asia/Shanghai", (LocalDate?)null), (command.When.Time, command.When.Zone, command.When.Date));
    }

    [Theory]
    [InlineData("schedule promote checkout next at tomorrow 09:00", PromoteKind.Next, true, null)]
    [InlineData("schedule promote canary full at 2026-12-01 14:30 utc", PromoteKind.Full, false, "2026-12-01")]
    [InlineData("schedule promote checkout to 20 % at 2026-12-01T08:15", PromoteKind.Weight, false, "2026-12-01")]
    public void SchedulePromote_ReadsEachFormOfTime(string text, PromoteKind kind, bool tomorrow, string? date)
    {
        var command = Parsed<SchedulePromoteCommand>(text);

        Assert.Equal(kind, command.Promote.Kind);
        Assert.Equal(tomorrow, command.When.Tomorrow);
        Assert.Equal(date, command.When.Date?.ToString("yyyy-MM-dd", null));
    }

    [Fact]
    public void SchedulePromote_In_ReadsTheDelay()
    {
        var command = Parsed<SchedulePromoteCommand>("schedule promote checkout next in 1h30m");
        Assert.Equal(TimeSpan.FromMinutes(90), command.When.Delay);
    }

    [Fact]
    public void ScheduleListAndCancel_AreRead()
    {
        Assert.Null(Parsed<ScheduleListCommand>("schedule").App);
        Assert.Equal("checkout", Parsed<ScheduleListCommand>("schedule list checkout").App);
        Assert.Equal("s1b2c3", Parsed<ScheduleCancelCommand>("schedule cancel s1b2c3").Id);
    }

    [Fact]
    public void VetoAndPostpone_AreRead()
    {
        Assert.Equal(("s1b2c3", "not during the sale"), (Parsed<VetoCommand>("veto s1b2c3 not during the sale").Id, Parsed<VetoCommand>("veto s1b2c3 not during the sale").Reason));
        Assert.Equal(TimeSpan.FromMinutes(30), Parsed<PostponeCommand>("postpone s1b2c3 30m").By);
        Assert.Equal(TimeSpan.FromHours(2), Parsed<PostponeCommand>("postpone s1b2c3 by 2 hours").By);
    }

    [Fact]
    public void Freeze_ReadsTheScopeTheEndAndTheReason()
    {
        var app = Parsed<FreezeCommand>("freeze checkout until 18:00 Europe/Berlin incident 4711");
        Assert.Equal(("checkout", new LocalTime(18, 0), "Europe/Berlin", "incident 4711"), (app.App, app.Until!.Time, app.Until.Zone, app.Reason));

        var all = Parsed<FreezeCommand>("freeze all for 2h because black friday");
        Assert.Equal(((string?)null, TimeSpan.FromHours(2), "black friday"), (all.App, all.Until!.Delay, all.Reason));

        Assert.Null(Parsed<FreezeCommand>("freeze checkout").Until);
        Assert.IsType<FreezeListCommand>(CommandParser.Parse("freeze").Command);
        Assert.Null(Parsed<UnfreezeCommand>("unfreeze all").App);
        Assert.Equal("checkout", Parsed<UnfreezeCommand>("unfreeze checkout").App);
    }

    [Theory]
    [InlineData("deploy checkout v2 --force")]
    [InlineData("route checkout header X=1 --force")]
    [InlineData("promote checkout 20% --force")]
    public void Force_IsTakenByTheCommandsAFreezeStops(string text) => Assert.True(CommandParser.Parse(text).Command!.Flags.Force);

    public static TheoryData<string, string[]> Invalid => new()
    {
        { "request checkout", ["request approval <app>"] },
        { "request approval", ["needs an app"] },
        { "approve", ["needs the id"] },
        { "approve ../etc", ["is not an id I gave out"] },
        { "schedule promote checkout 50%", ["Say when"] },
        { "schedule promote checkout 50% at noon", ["time of day like `14:30`", "`noon`"] },
        { "schedule promote checkout 50% at 14:30 Mars/Olympus", ["I didn't understand `Mars/Olympus`"] },
        { "schedule promote checkout 50% in forever", ["duration"] },
        { "schedule promote checkout 50% in 60d", ["between 1 minute and 30 days"] },
        { "schedule promote checkout sideways at 14:00", ["`schedule promote"] },
        { "schedule promote checkout 50% at 14:00 --dry-run", ["`schedule` never does"] },
        { "schedule frobnicate", ["takes `promote`, `list` or `cancel`"] },
        { "schedule cancel", ["needs the id"] },
        { "postpone s1b2c3", ["needs a scheduled promotion's id and by how long"] },
        { "postpone s1b2c3 soon", ["as a duration"] },
        { "postpone s1b2c3 30d", ["1 minute to 7 days"] },
        { "freeze Check_Out", ["is not an app name"] },
        { "freeze checkout until tea-time", ["time of day"] },
        { "unfreeze", ["needs an app or `all`"] },
        { "unfreeze checkout now", ["I didn't understand `now`"] },
        { "freeze checkout --force", ["`freeze` doesn't take it"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_ExplainsWhatWasWrong(string text, string[] keyWords)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded, $"`{text}` parsed as {result.Command}");
        foreach (var word in keyWords)
        {
            Assert.Contains(word, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LongReasons_AreRefused()
    {
        var result = CommandParser.Parse("reject a1b2c3 " + string.Join(' ', Enumerable.Repeat("word", 100)));
        Assert.Contains("keep it under 300", result.Error, StringComparison.Ordinal);
    }
}

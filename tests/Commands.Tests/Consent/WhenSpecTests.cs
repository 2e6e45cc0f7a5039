using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Tests.Consent;

public sealed class WhenSpecTests
{
    // 2026-11-27 01:00 UTC is 09:00 in Shanghai (UTC+8, no daylight saving).
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static (DateTimeOffset At, string Zone)? Resolve(string text, string defaultZone = "UTC")
    {
        var command = Assert.IsType<SchedulePromoteCommand>(CommandParser.Parse($"schedule promote checkout 50% {text}").Command);
        return command.When.Resolve(Now, defaultZone, out _) is { } when ? (when.At, when.Zone.Id) : null;
    }

    [Fact]
    public void AClockTimeInAsiaShanghai_IsThatInstant()
    {
        Assert.Equal((new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero), "Asia/Shanghai"), Resolve("at 14:30 Asia/Shanghai"));
    }

    [Fact]
    public void AClockTimeAlreadyPastToday_MeansTomorrow()
    {
        // 08:00 in Shanghai has passed (it is 09:00 there): tomorrow's 08:00, which is 00:00 UTC on the 28th.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), Resolve("at 08:00 Asia/Shanghai")!.Value.At);
    }

    [Fact]
    public void WithoutAZone_TheDefaultZoneIsUsed()
    {
        Assert.Equal((new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero), "Europe/Berlin"), Resolve("at 14:00", "Europe/Berlin"));
    }

    [Fact]
    public void TomorrowADateAndADelay_AreResolved()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), Resolve("at tomorrow 09:00")!.Value.At);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), Resolve("at 2026-12-01 14:30")!.Value.At);
        Assert.Equal(Now.AddHours(2), Resolve("in 2h")!.Value.At);
    }

    [Fact]
    public void ADateInThePastOrTooFarAhead_IsRefusedWithASentence()
    {
        var past = Assert.IsType<SchedulePromoteCommand>(CommandParser.Parse("schedule promote checkout 50% at 2026-11-26 10:00").Command);
        Assert.Null(past.When.Resolve(Now, "UTC", out var pastError));
        Assert.Contains("is in the past", pastError, StringComparison.Ordinal);

        var far = Assert.IsType<SchedulePromoteCommand>(CommandParser.Parse("schedule promote checkout 50% at 2027-03-01 10:00").Command);
        Assert.Null(far.When.Resolve(Now, "UTC", out var farError));
        Assert.Contains("more than 30 days ahead", farError, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ShowsTheLocalTimeAndUtc()
    {
        Assert.Equal("2026-11-27 14:30 Asia/Shanghai (2026-11-27 06:30 UTC)",
            TimeZones.Describe(new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero), TimeZones.Find("asia/shanghai")!));
    }
}

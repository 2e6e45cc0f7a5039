using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Commands.Consent;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Consent;

public sealed class SchedulesOptionsTests
{
    [Fact]
    public void WithoutTheSection_TheNoticeComesTenMinutesBefore_InUtc()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>([]);

        Assert.Equal((TimeSpan.FromMinutes(10), "UTC"), (settings.NoticeBefore, settings.TimeZone));
    }

    [Fact]
    public void TheSection_SetsTheNoticeAndTheTimeZone()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>(new() { ["Schedules:NoticeBefore"] = "00:00:00", ["Schedules:TimeZone"] = "Asia/Shanghai" });

        Assert.Equal((TimeSpan.Zero, "Asia/Shanghai"), (settings.NoticeBefore, settings.TimeZone));
    }

    [Theory]
    [InlineData("Schedules:NoticeBefore", "-00:01:00", "Schedules:NoticeBefore is -00:01:00; it must be between 0 and 1 day.")]
    [InlineData("Schedules:NoticeBefore", "1.00:00:01", "Schedules:NoticeBefore is 1.00:00:01; it must be between 0 and 1 day.")]
    [InlineData("Schedules:TimeZone", "Mars/Olympus", "Schedules:TimeZone 'Mars/Olympus' is not a time zone I know (use an IANA id such as Europe/Berlin, or UTC).")]
    [InlineData("Schedules:TimeZone", "", "Schedules:TimeZone '' is not a time zone I know (use an IANA id such as Europe/Berlin, or UTC).")]
    public void AnInvalidValue_IsAProblemNamingTheSetting(string key, string value, string expected)
    {
        Assert.Equal([expected], ConsentConfig.Problems<SchedulesOptions>(new() { [key] = value }));
    }
}

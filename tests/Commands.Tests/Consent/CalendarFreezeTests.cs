using ChatOpsRelease.Commands.Consent;

namespace ChatOpsRelease.Commands.Tests.Consent;

public sealed class CalendarFreezeTests
{
    // Friday 18:00 in Berlin to Monday 08:00: 62 hours.
    private static readonly CalendarFreeze Weekend = new("weekend", "0 18 * * FRI", TimeSpan.FromHours(62), "Europe/Berlin", [], "no changes at the weekend");

    [Theory]
    [InlineData("2026-11-27T16:59:00Z", null)] // Friday 17:59 in Berlin (UTC+1)
    [InlineData("2026-11-27T17:00:00Z", "2026-11-30T07:00:00Z")] // Friday 18:00 in Berlin
    [InlineData("2026-11-29T12:00:00Z", "2026-11-30T07:00:00Z")] // Sunday
    [InlineData("2026-11-30T07:00:00Z", null)] // Monday 08:00: over
    public void Weekend_HoldsFromFridayEveningToMondayMorningInItsZone(string now, string? end)
    {
        Assert.Equal(end is null ? null : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            Weekend.EndsAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AHoliday_OnItsDate_Holds()
    {
        var christmas = new CalendarFreeze("christmas", "0 0 24 12 *", TimeSpan.FromDays(3), "UTC", ["checkout"], "holidays");

        Assert.NotNull(christmas.EndsAfter(new DateTimeOffset(2026, 12, 25, 12, 0, 0, TimeSpan.Zero)));
        Assert.Null(christmas.EndsAfter(new DateTimeOffset(2026, 12, 27, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(christmas.CoversApp("checkout"));
        Assert.False(christmas.CoversApp("cart"));
    }

    [Theory]
    [InlineData("", "0 0 * * *", 1, "UTC", "needs a Name")]
    [InlineData("x", "every friday", 1, "UTC", "is not a five-field cron expression")]
    [InlineData("x", "0 0 * * *", 0, "UTC", "must be more than zero")]
    [InlineData("x", "0 0 * * *", 1, "Mars/Olympus", "is not a time zone I know")]
    public void Problem_NamesWhatIsWrong(string name, string cron, int hours, string zone, string expected)
    {
        Assert.Contains(expected, new CalendarFreeze(name, cron, TimeSpan.FromHours(hours), zone, [], string.Empty).Problem(), StringComparison.Ordinal);
    }
}

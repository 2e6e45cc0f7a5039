using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Commands.Consent;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Consent;

public sealed class FreezesOptionsTests
{
    [Fact]
    public void CalendarFreezes_AreBoundInOrder_WithShortDurations_AndUtcWhenNoZoneIsNamed()
    {
        var settings = ConsentConfig.Resolve<ConsentSettings>(new()
        {
            ["Freezes:Calendar:0:Name"] = "weekend",
            ["Freezes:Calendar:0:Cron"] = "0 18 * * FRI",
            ["Freezes:Calendar:0:Duration"] = "62h",
            ["Freezes:Calendar:0:TimeZone"] = "Europe/Berlin",
            ["Freezes:Calendar:0:Reason"] = "nobody is on call",
            ["Freezes:Calendar:1:Name"] = "christmas",
            ["Freezes:Calendar:1:Cron"] = "0 0 24 12 *",
            ["Freezes:Calendar:1:Duration"] = "3.00:00:00",
            ["Freezes:Calendar:1:Apps:0"] = "payments",
        });

        Assert.Equal(2, settings.Calendar.Count);
        var weekend = settings.Calendar[0];
        Assert.Equal(("weekend", "0 18 * * FRI", TimeSpan.FromHours(62), "Europe/Berlin", 0, "nobody is on call"),
            (weekend.Name, weekend.Cron, weekend.Duration, weekend.TimeZone, weekend.Apps.Count, weekend.Reason));
        var christmas = settings.Calendar[1];
        Assert.Equal(("christmas", TimeSpan.FromDays(3), "UTC"), (christmas.Name, christmas.Duration, christmas.TimeZone));
        Assert.Equal(["payments"], christmas.Apps);
    }

    [Fact]
    public void WithoutTheSection_ThereAreNoCalendarFreezes()
    {
        Assert.Empty(ConsentConfig.Resolve<ConsentSettings>([]).Calendar);
    }

    [Theory]
    [InlineData("Name", "", "Freezes:Calendar:0: needs a Name.")]
    [InlineData("Cron", "every friday", "Freezes:Calendar:0 'weekend': Cron `every friday` is not a five-field cron expression.")]
    [InlineData("Duration", "0m", "Freezes:Calendar:0 'weekend': Duration 00:00:00 must be more than zero and at most 31 days.")]
    [InlineData("Duration", "32d", "Freezes:Calendar:0 'weekend': Duration 32.00:00:00 must be more than zero and at most 31 days.")]
    [InlineData("Duration", "a while", "Freezes:Calendar:0 'weekend': Duration 'a while' is not a duration (write 62h, 3d or 2.14:00:00).")]
    [InlineData("TimeZone", "Mars/Olympus", "Freezes:Calendar:0 'weekend': TimeZone `Mars/Olympus` is not a time zone I know (use an IANA id such as Europe/Berlin).")]
    [InlineData("Apps:1", "cart", "Freezes:Calendar:0 'weekend': Apps names the app 'cart', which is not configured; apps: checkout, payments (or * for every app).")]
    public void AFreezeThatCannotWork_IsAProblemNamingIt(string field, string value, string expected)
    {
        var values = Weekend();
        values[$"Freezes:Calendar:0:{field}"] = value;

        Assert.Equal([expected], ConsentConfig.Problems<FreezesOptions>(values));
    }

    [Fact]
    public void AWellWrittenFreeze_ForEveryAppOrSomeConfiguredOnes_HasNoProblem()
    {
        var values = Weekend();
        values["Freezes:Calendar:0:Apps:1"] = "*";

        Assert.Empty(ConsentConfig.Problems<FreezesOptions>(values));
    }

    private static Dictionary<string, string?> Weekend() => new()
    {
        ["Freezes:Calendar:0:Name"] = "weekend",
        ["Freezes:Calendar:0:Cron"] = "0 18 * * FRI",
        ["Freezes:Calendar:0:Duration"] = "62h",
        ["Freezes:Calendar:0:Apps:0"] = "checkout",
    };
}

using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class TextsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 3, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(120, "2 h")]
    [InlineData(90, "1 h 30 min")]
    [InlineData(15, "15 min")]
    [InlineData(1.5, "1 min 30 s")]
    [InlineData(1440, "1 d")]
    [InlineData(1563.5, "1 d 2 h 3 min 30 s")]
    [InlineData(0, "0 s")]
    public void Duration_NamesEachPart(double minutes, string expected)
    {
        Assert.Equal(expected, Texts.Duration(TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData(2, "14:03Z")]
    [InlineData(11.9, "23:57Z")]
    [InlineData(12, "2025-03-02 00:03Z")]
    public void Until_GivesTheDateOnlyForAnotherDay(double hours, string expected)
    {
        Assert.Equal(expected, Texts.Until(Now.AddHours(hours), Now));
    }

    [Fact]
    public void Rules_WithAClock_SayTheTimeLeft_WithoutOne_UntilWhen()
    {
        RouteRule[] rules =
        [
            new() { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers", ExpiresAt = Now.AddMinutes(61).AddSeconds(59) },
            new() { Kind = RouteRuleKind.Cookie, Name = "canary", ExpiresAt = Now.AddSeconds(20) },
            new() { Kind = RouteRuleKind.Cookie, Name = "beta" },
        ];

        Assert.Equal("header X-Canary: testers (1 h 1 min left) or cookie canary=always (under a minute left) or cookie beta=always",
            Texts.Rules(rules, Now));
        Assert.Equal("header X-Canary: testers (until 2025-03-01 13:05:29Z) or cookie canary=always (until 2025-03-01 12:03:50Z) or cookie beta=always",
            Texts.Rules(rules));
    }
}

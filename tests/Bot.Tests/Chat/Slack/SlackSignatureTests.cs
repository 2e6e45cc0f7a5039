using System.Text;
using ChatOpsRelease.Bot.Chat.Slack;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    [Fact]
    public void Sign_MatchesSlacksPublishedExample()
    {
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignature.Sign(Secret, "1531420618", Body));
    }

    [Fact]
    public void Check_GenuineRequest_Passes()
    {
        Assert.Null(SlackSignature.Check(Secret, "1531420618", SlackSignature.Sign(Secret, "1531420618", Body), Body, Now.AddMinutes(4)));
    }

    [Fact]
    public void Check_WrongSecret_Fails()
    {
        var signature = SlackSignature.Sign("another-secret", "1531420618", Body);

        Assert.Equal("the signature does not match", SlackSignature.Check(Secret, "1531420618", signature, Body, Now));
    }

    [Fact]
    public void Check_OneByteOfTheBodyChanged_Fails()
    {
        var signature = SlackSignature.Sign(Secret, "1531420618", Body);
        var changed = (byte[])Body.Clone();
        changed[^1] ^= 0x01;

        Assert.Equal("the signature does not match", SlackSignature.Check(Secret, "1531420618", signature, changed, Now));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    [InlineData(-600)]
    public void Check_TimestampMoreThanFiveMinutesAway_Fails(int minutes)
    {
        var timestamp = Now.AddMinutes(minutes).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = SlackSignature.Sign(Secret, timestamp, Body);

        Assert.StartsWith("the timestamp is", SlackSignature.Check(Secret, timestamp, signature, Body, Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    public void Check_MissingHeaders_Fails(string? timestamp, string? signature)
    {
        Assert.Equal("the X-Slack-Request-Timestamp or X-Slack-Signature header is missing", SlackSignature.Check(Secret, timestamp, signature, Body, Now));
    }

    [Fact]
    public void Check_TimestampNotANumber_Fails()
    {
        Assert.Equal("the timestamp is not a number", SlackSignature.Check(Secret, "12a4", "v0=00", Body, Now));
    }

    [Fact]
    public void Check_SignatureOfAnotherLength_FailsWithoutThrowing()
    {
        Assert.Equal("the signature does not match", SlackSignature.Check(Secret, "1531420618", "v0=short", Body, Now));
    }
}

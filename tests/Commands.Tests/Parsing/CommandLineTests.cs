using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Tests.Parsing;

public sealed class CommandLineTests
{
    [Fact]
    public void ALineOverTheLimit_IsRefusedWithItsLength_AndNotRepeated()
    {
        var line = "freeze checkout " + new string('x', 5000);

        var parsed = CommandParser.Parse(line);

        Assert.Equal("That message is 5,016 characters long; I read commands of up to 1,000. Nothing was done. Say `help` for the commands.", parsed.Error);
        Assert.Equal("freeze checkout " + new string('x', 64) + "… (5,016 characters)", CommandLine.Shown(line));
    }

    [Fact]
    public void ALineAtTheLimit_IsRead()
    {
        var line = "deploy checkout v2.4.0" + new string(' ', CommandLine.MaxLength - 22);

        Assert.Equal(new DeployCommand("checkout", "v2.4.0", CommandFlags.None), CommandParser.Parse(line).Command);
    }

    [Fact]
    public void ControlCharacters_AreRefused_NamedByCodePoint_NeverRepeated()
    {
        (string Line, string Named)[] cases =
        [
            ("deploy checkout v2.4.0\u001b[31m", "a control character (U+001B, at position 23)"),
            ("status\0", "a control character (U+0000, at position 7)"),
            ("status \u009b2J", "a control character (U+009B, at position 8)"),
            ("freeze checkout \ud800", "a broken character (U+D800, at position 17)"),
        ];
        foreach (var (line, named) in cases)
        {
            var error = CommandParser.Parse(line).Error!;

            Assert.Equal($"That message has {named}, which I don't read in a command. Nothing was done; type it again without it.", error);
            Assert.DoesNotContain(error, c => char.IsControl(c) || char.IsSurrogate(c));
            Assert.DoesNotContain(CommandLine.Shown(line), c => char.IsControl(c) || char.IsSurrogate(c));
        }
    }

    [Fact]
    public void InvisibleCharacters_AndBackQuotes_AreDropped_AndEverySpaceSeparatesWords()
    {
        string[] lines =
        [
            "deploy check\u200bout v2.4.0", "\u202edeploy checkout v2.4.0\u202c", "\ufeffdeploy \u2066checkout\u2069 v2.4.0\u00ad",
            "deploy\u00a0checkout\u2028v2.4.0\r\n", "deploy\tcheckout\u3000v2.4.0\u0085", "`deploy` ch`eck`out `v2.4.0`",
        ];
        foreach (var line in lines)
        {
            Assert.Equal(new DeployCommand("checkout", "v2.4.0", CommandFlags.None), CommandParser.Parse(line).Command);
        }
    }

    [Fact]
    public void AReason_KeepsNoBackQuote_SoItCannotCloseACodeSpan()
    {
        var parsed = CommandParser.Parse("freeze checkout x` *boom* `<!channel>");

        Assert.Equal("x *boom* <!channel>", Assert.IsType<FreezeCommand>(parsed.Command).Reason);
    }

    [Fact]
    public void AnUnreadableWord_IsShownWhole_NeverHalfACharacter()
    {
        var error = CommandParser.Parse("route checkout cookie canary\U0001F680").Error!;

        Assert.Contains("`\U0001F680` is not allowed", error, StringComparison.Ordinal);
    }
}

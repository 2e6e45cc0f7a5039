using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Tests.Parsing;

public sealed class CompareParserTests
{
    private static readonly CommandFlags None = CommandFlags.None;
    private static readonly ReleaseTarget Checkout = new("checkout");
    private static readonly ReleaseTarget Canary = ReleaseTarget.Canary;

    public static TheoryData<string, Command> Understood => new()
    {
        { "compare checkout", new CompareCommand(Checkout, null, None) },
        { "compare canary", new CompareCommand(Canary, null, None) },
        { "COMPARE Checkout", new CompareCommand(Checkout, null, None) },
        { "compare checkout last 15m", new CompareCommand(Checkout, TimeSpan.FromMinutes(15), None) },
        { "compare canary LAST 1h", new CompareCommand(Canary, TimeSpan.FromHours(1), None) },
        { "compare checkout last 1h30m", new CompareCommand(Checkout, TimeSpan.FromMinutes(90), None) },
        { "compare checkout last 1 h 30 min", new CompareCommand(Checkout, TimeSpan.FromMinutes(90), None) },
        { "compare checkout last 90 minutes", new CompareCommand(Checkout, TimeSpan.FromMinutes(90), None) },
        { "compare checkout last 60s", new CompareCommand(Checkout, TimeSpan.FromMinutes(1), None) },
        { "compare checkout last 1m", new CompareCommand(Checkout, TimeSpan.FromMinutes(1), None) },
        { "compare checkout last 7d", new CompareCommand(Checkout, TimeSpan.FromDays(7), None) },
        { "compare checkout last 2 days", new CompareCommand(Checkout, TimeSpan.FromDays(2), None) },
    };

    [Theory]
    [MemberData(nameof(Understood))]
    public void Parse_ValidCompare_GivesTypedCommand(string text, Command expected)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Succeeded, $"`{text}` failed: {result.Error}");
        Assert.Equal(expected, result.Command);
        Assert.False(result.Command!.ChangesCluster);
    }

    public static TheoryData<string, string[]> Refused => new()
    {
        { "compare", ["`compare` needs a release", "`compare checkout`", "`compare canary last 1h`"] },
        { "compare 20%", ["`compare` takes a release, not a weight"] },
        { "compare Check_out", ["`Check_out` is not an app name"] },
        { "compare checkout last", ["`last` needs how far back to look", "`1h30m`", "from 1 minute to 7 days"] },
        { "compare checkout last week", ["can't read `week` as a duration", "from 1 minute to 7 days"] },
        { "compare checkout last 30s", ["A comparison looks back from 1 minute to 7 days", "`30s` is shorter"] },
        { "compare checkout last 0m", ["`0m` is shorter"] },
        { "compare checkout last 8d", ["`8d` is longer"] },
        { "compare checkout last 169 hours", ["`169 hours` is longer"] },
        { "compare checkout 15m", ["didn't understand `15m` after `compare checkout`", "Did you mean `last 15m`?"] },
        { "compare checkout for 1h", ["didn't understand `for 1h` after `compare checkout`", "`help compare`"] },
        { "compare checkout cart", ["didn't understand `cart` after `compare checkout`"] },
        { "compare checkout last 1h please", ["didn't understand `please` after `compare checkout last 1h`"] },
        { "compare checkout --dry-run", ["`--dry-run` is for commands that change the cluster", "`compare` never does"] },
        { "compare checkout --force", ["`compare` doesn't take it"] },
        { "compar checkout", ["Did you mean `compare`?"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Parse_InvalidCompare_ExplainsWhatWasWrong(string text, string[] keyWords)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded, $"`{text}` was understood as {result.Command}");
        Assert.NotNull(result.Error);
        Assert.True(result.Error.EndsWith('.') || result.Error.EndsWith('?'), $"Not a sentence: {result.Error}");
        foreach (var word in keyWords)
        {
            Assert.Contains(word, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Help_KnowsCompare()
    {
        var verb = Verbs.Find("compare");

        Assert.NotNull(verb);
        Assert.Equal("compare <app|canary> [last <duration>]", verb.Usage);
        Assert.Contains("`last 1h`", verb.Details, StringComparison.Ordinal);
    }
}

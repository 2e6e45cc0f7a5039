using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Parsing;

public sealed class RouteParserTests
{
    private const RouteRuleKind Header = RouteRuleKind.Header;
    private const RouteRuleKind Cookie = RouteRuleKind.Cookie;
    private static readonly CommandFlags None = CommandFlags.None;
    private static readonly CommandFlags DryRun = new(DryRun: true);
    private static readonly ReleaseTarget Checkout = new("checkout");
    private static readonly ReleaseTarget Canary = ReleaseTarget.Canary;

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    public static TheoryData<string, Command> Understood => new()
    {
        // header rules: the name as typed, the value exactly
        { "route checkout header X-Canary=testers", new RouteCommand(Checkout, Header, "X-Canary", "testers", null, None) },
        { "route canary header x-canary=Testers", new RouteCommand(Canary, Header, "x-canary", "Testers", null, None) },
        { "ROUTE Checkout HEADER X-Canary=testers", new RouteCommand(Checkout, Header, "X-Canary", "testers", null, None) },
        { "route checkout header `X-Canary=testers`", new RouteCommand(Checkout, Header, "X-Canary", "testers", null, None) },
        { "route checkout header X-Tok=a=b", new RouteCommand(Checkout, Header, "X-Tok", "a=b", null, None) },
        { "route checkout header X_Weird!#$%&'*+.^|~9=v-1.2_3:4/5;6\"7'8@9", new RouteCommand(Checkout, Header, "X_Weird!#$%&'*+.^|~9", "v-1.2_3:4/5;6\"7'8@9", null, None) },
        { "route checkout header " + new string('h', 100) + "=1", new RouteCommand(Checkout, Header, new string('h', 100), "1", null, None) },
        { "route checkout header X=" + new string('v', 256), new RouteCommand(Checkout, Header, "X", new string('v', 256), null, None) },

        // cookie rules
        { "route checkout cookie canary", new RouteCommand(Checkout, Cookie, "canary", null, null, None) },
        { "route canary Cookie Canary_Tester", new RouteCommand(Canary, Cookie, "Canary_Tester", null, null, None) },

        // clear
        { "route checkout clear", new RouteCommand(Checkout, null, null, null, null, None) },
        { "route canary CLEAR", new RouteCommand(Canary, null, null, null, null, None) },

        // durations
        { "route checkout header X-Canary=testers for 2h", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(120), None) },
        { "route checkout header X-Canary=testers for 15m", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(15), None) },
        { "route checkout header X-Canary=testers FOR 1D", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(1440), None) },
        { "route checkout header X-Canary=testers for 1h30m", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(90), None) },
        { "route checkout header X-Canary=testers for 1h 30m", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(90), None) },
        { "route checkout header X-Canary=testers for 1 h 30 min", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(90), None) },
        { "route checkout header X-Canary=testers for 90 minutes", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(90), None) },
        { "route checkout header X-Canary=testers for 2 hours", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(120), None) },
        { "route checkout header X-Canary=testers for 1 hour", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(60), None) },
        { "route checkout header X-Canary=testers for 90s", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(1.5), None) },
        { "route checkout header X-Canary=testers for 60s", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(1), None) },
        { "route checkout header X-Canary=testers for 7d", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(7 * 1440), None) },
        { "route checkout header X-Canary=testers for 1d2h3m4s", new RouteCommand(Checkout, Header, "X-Canary", "testers", new TimeSpan(1, 2, 3, 4), None) },
        { "route checkout cookie canary for 30m", new RouteCommand(Checkout, Cookie, "canary", null, Minutes(30), None) },
        { "route checkout cookie canary for 3 days", new RouteCommand(Checkout, Cookie, "canary", null, Minutes(3 * 1440), None) },

        // --dry-run
        { "route checkout header X-Canary=testers for 2h --dry-run", new RouteCommand(Checkout, Header, "X-Canary", "testers", Minutes(120), DryRun) },
        { "route --dry-run checkout cookie canary", new RouteCommand(Checkout, Cookie, "canary", null, null, DryRun) },
        { "route checkout clear --dry-run", new RouteCommand(Checkout, null, null, null, null, DryRun) },
    };

    [Theory]
    [MemberData(nameof(Understood))]
    public void Parse_ValidRoute_GivesTypedCommand(string text, Command expected)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Succeeded, $"`{text}` failed: {result.Error}");
        Assert.Equal(expected, result.Command);
        Assert.True(result.Command!.ChangesCluster);
    }

    public static TheoryData<string, string[]> Refused => new()
    {
        // missing parts
        { "route", ["`route` needs a release and a rule", "`route checkout header X-Canary=testers for 2h`", "`route checkout clear`"] },
        { "route checkout", ["`route checkout` needs `header <Name>=<value>`, `cookie <name>` or `clear`"] },
        { "route checkout header", ["`header` needs the header's name and the value", "`Name=value`", "`route checkout header X-Canary=testers`"] },
        { "route checkout cookie", ["`cookie` needs the cookie's name", "`route checkout cookie canary`", "`canary=always`"] },
        { "route checkout headr X=1", ["`route` takes `header`, `cookie` or `clear`, not `headr`", "Did you mean `header`?"] },
        { "route checkout path /beta", ["not `path`", "`route checkout cookie canary`"] },

        // targets
        { "route 20%", ["`route` takes a release, not a weight", "`route canary`"] },
        { "route Check_out clear", ["`Check_out` is not an app name"] },

        // header name and value
        { "route checkout header X-Canary", ["`X-Canary` has no value", "`header X-Canary=testers`"] },
        { "route checkout header X-Canary for 2h", ["`X-Canary` has no value"] },
        { "route checkout header X-Canary: testers", ["Write the header as `Name=value`: `X-Canary=testers`."] },
        { "route checkout header X-Canary:testers", ["`X-Canary=testers`"] },
        { "route checkout header X-Canary =testers", ["no spaces around `=`", "`X-Canary=testers`"] },
        { "route checkout header X-Canary = testers", ["no spaces around `=`", "`X-Canary=testers`"] },
        { "route checkout header X-Canary= testers", ["no spaces around `=`", "`X-Canary=testers`"] },
        { "route checkout header X-Canary=", ["The header `X-Canary` needs a value after `=`"] },
        { "route checkout header =testers", ["`=testers` has no header name before `=`"] },
        { "route checkout header X/Canary=1", ["`X/Canary` is not a header name", "`/` is not allowed", "letters, digits"] },
        { "route checkout header X@Canary=1", ["`@` is not allowed"] },
        { "route checkout header X(Canary)=1", ["`(` is not allowed"] },
        { "route checkout header X\"Canary=1", ["`\"` is not allowed"] },
        { "route checkout header Xé=1", ["`é` is not allowed"] },
        { "route checkout header " + new string('h', 101) + "=1", ["A header name has at most 100 characters", "has 101"] },
        { "route checkout header X=test*", ["`*`", "wildcard or pattern", "matches its value exactly"] },
        { "route checkout header X=te?t", ["`?`", "wildcard or pattern"] },
        { "route checkout header X=a|b", ["`|`"] },
        { "route checkout header X=(a)", ["`(`"] },
        { "route checkout header X=a)", ["`)`"] },
        { "route checkout header X=[ab]", ["`[`"] },
        { "route checkout header X=a]", ["`]`"] },
        { "route checkout header X={a}", ["`{`"] },
        { "route checkout header X=a}", ["`}`"] },
        { "route checkout header X=^a", ["`^`"] },
        { "route checkout header X=a$", ["`$`"] },
        { "route checkout header X=a\\d", ["`\\`"] },
        { "route checkout header X=a,b", ["`,`", "joins several values"] },
        { "route checkout header X=tést", ["`é`", "visible ASCII characters without spaces"] },
        { "route checkout header X=" + new string('v', 257), ["257 characters", "at most 256"] },

        // cookie names
        { "route checkout cookie canary=always", ["takes only the cookie's name", "`canary=always`", "Leave out `=always`"] },
        { "route checkout cookie can;ary", ["`can;ary` is not a cookie name", "`;` is not allowed"] },
        { "route checkout cookie can:ary", ["`:` is not allowed"] },
        { "route checkout cookie " + new string('c', 101), ["A cookie name has at most 100 characters"] },

        // durations
        { "route checkout header X=1 for", ["`for` needs how long the rule lasts", "`1h30m`", "1 minute to 7 days"] },
        { "route checkout header X=1 for soon", ["can't read `soon` as a duration", "`90 minutes`", "from 1 minute to 7 days"] },
        { "route checkout header X=1 for 2", ["can't read `2` as a duration"] },
        { "route checkout header X=1 for 2x", ["can't read `2x` as a duration"] },
        { "route checkout header X=1 for 30m1h", ["can't read `30m1h` as a duration"] },
        { "route checkout header X=1 for 1h1h", ["can't read `1h1h` as a duration"] },
        { "route checkout header X=1 for -5m", ["can't read `-5m` as a duration"] },
        { "route checkout header X=1 for 1.5h", ["can't read `1.5h` as a duration"] },
        { "route checkout header X=1 for 1234567m", ["can't read `1234567m` as a duration"] },
        { "route checkout header X=1 for 30s", ["from 1 minute to 7 days", "`30s` is shorter"] },
        { "route checkout header X=1 for 0m", ["`0m` is shorter"] },
        { "route checkout header X=1 for 8d", ["`8d` is longer", "`route <app> clear`"] },
        { "route checkout cookie c for 7d1s", ["`7d1s` is longer"] },
        { "route checkout cookie c for 200 hours", ["`200 hours` is longer"] },

        // trailing words
        { "route checkout header X=1 2h", ["didn't understand `2h` after `route checkout header X=1`", "Did you mean `for 2h`?"] },
        { "route checkout header X=1 now", ["didn't understand `now` after `route checkout header X=1`", "`help route`"] },
        { "route checkout header X=1 for 2h please", ["didn't understand `please` after `route checkout header X=1 for 2h`"] },
        { "route checkout cookie canary testers", ["didn't understand `testers` after `route checkout cookie canary`"] },
        { "route checkout clear now", ["didn't understand `now` after `route checkout clear`"] },
        { "route checkout clear for 2h", ["didn't understand `for 2h` after `route checkout clear`"] },

    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Parse_InvalidRoute_ExplainsWhatWasWrong(string text, string[] keyWords)
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
    public void Help_KnowsRoute()
    {
        var verb = Verbs.Find("route");

        Assert.NotNull(verb);
        Assert.Contains("header <Name>=<value>", verb.Usage, StringComparison.Ordinal);
        Assert.Contains("for 2h", verb.Details, StringComparison.Ordinal);
    }
}

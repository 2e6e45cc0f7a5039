using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Tests.Parsing;

public sealed class CommandParserTests
{
    private static readonly CommandFlags DryRun = new(DryRun: true);
    private static readonly CommandFlags Force = new(Force: true);
    private static readonly ReleaseTarget Checkout = new("checkout");

    public static TheoryData<string, Command> Understood => new()
    {
        // deploy
        { "deploy checkout v2.4.0", new DeployCommand("checkout", "v2.4.0", CommandFlags.None) },
        { "Deploy Checkout V2.4.0-rc_1", new DeployCommand("checkout", "V2.4.0-rc_1", CommandFlags.None) },
        { "  deploy   checkout   v2.4.0  ", new DeployCommand("checkout", "v2.4.0", CommandFlags.None) },
        { "`deploy checkout v2.4.0`", new DeployCommand("checkout", "v2.4.0", CommandFlags.None) },
        { "deploy checkout 2.4.0", new DeployCommand("checkout", "2.4.0", CommandFlags.None) },
        { "deploy checkout v2.4.0 --dry-run", new DeployCommand("checkout", "v2.4.0", DryRun) },
        { "deploy --dry-run checkout v2.4.0", new DeployCommand("checkout", "v2.4.0", DryRun) },
        { "deploy checkout v2.4.0 --dryrun", new DeployCommand("checkout", "v2.4.0", DryRun) },
        { "deploy checkout v2.4.0 --DRY-RUN", new DeployCommand("checkout", "v2.4.0", DryRun) },
        { "deploy checkout v2.4.0 \u2014dry-run", new DeployCommand("checkout", "v2.4.0", DryRun) },
        { "deploy checkout v2.4.0 \u2013dry-run", new DeployCommand("checkout", "v2.4.0", DryRun) },
        { "deploy checkout v2.4.0 \u2013\u2013dry-run", new DeployCommand("checkout", "v2.4.0", DryRun) },

        // promote: weights in every form
        { "promote canary 20%", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary 20 %", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary 20", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary 20 percent", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary 20 PERCENT", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary 20pct", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary to 20%", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary to 20 percent", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote canary TO 20", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote checkout 0", new PromoteCommand(Checkout, PromoteKind.Weight, 0, CommandFlags.None) },
        { "promote checkout 0%", new PromoteCommand(Checkout, PromoteKind.Weight, 0, CommandFlags.None) },
        { "promote checkout 100%", new PromoteCommand(Checkout, PromoteKind.Weight, 100, CommandFlags.None) },
        { "promote checkout 100.0%", new PromoteCommand(Checkout, PromoteKind.Weight, 100, CommandFlags.None) },
        { "PROMOTE Canary 20%", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, CommandFlags.None) },
        { "promote Checkout 20%", new PromoteCommand(Checkout, PromoteKind.Weight, 20, CommandFlags.None) },

        // promote: next and full, with and without "to"
        { "promote canary next", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Next, null, CommandFlags.None) },
        { "promote canary to next", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Next, null, CommandFlags.None) },
        { "promote checkout NEXT", new PromoteCommand(Checkout, PromoteKind.Next, null, CommandFlags.None) },
        { "promote canary full", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Full, null, CommandFlags.None) },
        { "promote Checkout to FULL", new PromoteCommand(Checkout, PromoteKind.Full, null, CommandFlags.None) },

        // promote: flags
        { "promote canary 10% --force", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 10, Force) },
        { "promote canary 10% \u2014force", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 10, Force) },
        { "promote canary 20% --dry-run", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 20, DryRun) },
        { "promote --force canary 10% --dry-run", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Weight, 10, new CommandFlags(true, true)) },
        { "promote canary full --dry-run", new PromoteCommand(ReleaseTarget.Canary, PromoteKind.Full, null, DryRun) },

        // pause, resume, rollback and its alias
        { "pause canary", new PauseCommand(ReleaseTarget.Canary, CommandFlags.None) },
        { "pause Checkout", new PauseCommand(Checkout, CommandFlags.None) },
        { "resume canary", new ResumeCommand(ReleaseTarget.Canary, CommandFlags.None) },
        { "RESUME checkout", new ResumeCommand(Checkout, CommandFlags.None) },
        { "rollback checkout", new RollbackCommand(Checkout, CommandFlags.None) },
        { "rollback CANARY", new RollbackCommand(ReleaseTarget.Canary, CommandFlags.None) },
        { "abort checkout", new RollbackCommand(Checkout, CommandFlags.None) },
        { "Abort canary", new RollbackCommand(ReleaseTarget.Canary, CommandFlags.None) },
        { "rollback checkout --dry-run", new RollbackCommand(Checkout, DryRun) },
        { "abort canary --dry-run", new RollbackCommand(ReleaseTarget.Canary, DryRun) },

        // status, history, help
        { "status", new StatusCommand(null, CommandFlags.None) },
        { "STATUS", new StatusCommand(null, CommandFlags.None) },
        { "status Checkout", new StatusCommand("checkout", CommandFlags.None) },
        { "history checkout", new HistoryCommand("checkout", CommandFlags.None) },
        { "History CHECKOUT", new HistoryCommand("checkout", CommandFlags.None) },
        { "help", new HelpCommand(null, CommandFlags.None) },
        { "help promote", new HelpCommand("promote", CommandFlags.None) },
        { "HELP Promote", new HelpCommand("promote", CommandFlags.None) },
        { "help abort", new HelpCommand("rollback", CommandFlags.None) },
    };

    [Theory]
    [MemberData(nameof(Understood))]
    public void Parse_ValidCommand_GivesTypedCommand(string text, Command expected)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Succeeded, $"`{text}` failed: {result.Error}");
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Command);
    }

    public static TheoryData<string, string[]> Refused => new()
    {
        // nothing, or an unknown verb
        { "", ["didn't get a command", "`help`"] },
        { "   \t  ", ["didn't get a command", "`help`"] },
        { "promot canary 20%", ["don't know the verb `promot`", "Did you mean `promote`?"] },
        { "rolback checkout", ["don't know the verb `rolback`", "Did you mean `rollback`?"] },
        { "PROMOT canary 20%", ["`PROMOT`", "Did you mean `promote`?"] },
        { "abrot checkout", ["Did you mean `abort`?"] },

        // missing arguments, per verb
        { "deploy", ["`deploy` needs an app and a version", "deploy checkout v2.4.0"] },
        { "deploy checkout", ["`deploy` needs an app and a version"] },
        { "promote", ["`promote` needs a release and where to take it"] },
        { "promote canary", ["`promote canary` needs a weight, `next` or `full`"] },
        { "promote checkout to", ["`promote checkout` needs a weight, `next` or `full`"] },
        { "pause", ["`pause` needs an app (or `canary`)", "pause checkout"] },
        { "resume", ["`resume` needs an app (or `canary`)"] },
        { "rollback", ["`rollback` needs an app (or `canary`)"] },
        { "abort", ["`rollback` needs an app (or `canary`)"] },
        { "history", ["`history` needs an app", "history checkout"] },

        // app names and targets
        { "deploy Check_out v2", ["`Check_out` is not an app name", "`status`"] },
        { "promote Check_out 20%", ["`Check_out` is not an app name"] },
        { "pause check.out", ["`check.out` is not an app name"] },
        { "status check_out", ["`check_out` is not an app name"] },
        { "history check_out", ["`check_out` is not an app name"] },
        { "deploy checkout- v2", ["`checkout-` is not an app name"] },
        { "promote 20%", ["Say which release first", "`promote canary 20%`"] },
        { "promote 20% canary", ["Say which release first"] },
        { "promote 20 percent", ["Say which release first", "`promote canary 20`"] },
        { "pause 20%", ["`pause` takes a release, not a weight", "`pause canary`"] },
        { "rollback 20", ["`rollback` takes a release, not a weight", "`rollback <app>`"] },

        // versions
        { "deploy checkout v2 0", ["didn't understand `0` after `deploy checkout v2`", "`help deploy`"] },
        { "deploy checkout .v2", ["`.v2` is not a version", "image tag"] },
        { "deploy checkout v2/x", ["`v2/x` is not a version"] },
        { "deploy checkout v2:1", ["`v2:1` is not a version"] },
        { "deploy checkout -bad", ["don't know the option `-bad`"] },
        { "deploy checkout " + new string('a', 129), ["is not a version", "at most 128"] },

        // weights
        { "promote canary -5", ["share of traffic from 0% to 100%", "-5%", "outside"] },
        { "promote canary 101", ["from 0% to 100%", "101%", "outside"] },
        { "promote canary 150%", ["from 0% to 100%", "150%", "outside"] },
        { "promote canary 12.5%", ["whole percentages", "`13%`", "`12.5%`"] },
        { "promote canary 12,5 %", ["whole percentages", "`13%`"] },
        { "promote canary abc", ["can't read `abc` as a weight", "0 to 100"] },
        { "promote canary twenty", ["can't read `twenty` as a weight"] },
        { "promote canary 20% now", ["didn't understand `now` after the weight `20%`"] },
        { "promote canary to 20% please", ["didn't understand `please` after the weight `20%`"] },
        { "promote canary 20 percent now", ["didn't understand `percent now` after the weight `20`"] },
        { "promote canary 20 30", ["didn't understand `30` after the weight `20`"] },
        { "promote canary 2 0", ["didn't understand `0` after the weight `2`"] },
        { "promote canary 20 1%", ["didn't understand `1%` after the weight `20`"] },
        { "promote canary next now", ["can't read `next now` as a weight"] },
        { "promote canary full please", ["can't read `full please` as a weight"] },

        // flags on verbs that don't take them
        { "status --dry-run", ["`--dry-run` is for commands that change the cluster", "`status` never does"] },
        { "status checkout --dry-run", ["`status` never does"] },
        { "history checkout --dry-run", ["`history` never does"] },
        { "help --dry-run", ["`help` never does"] },
        { "pause canary --dry-run", ["`pause` never does"] },
        { "resume checkout --dry-run", ["`resume` never does"] },
        { "history checkout --force", ["`--force` only means something for `promote`", "`history` doesn't take it"] },
        { "rollback checkout --force", ["`rollback` doesn't take it"] },
        { "pause checkout --force", ["`pause` doesn't take it"] },
        { "status --force", ["`status` doesn't take it"] },

        // unknown flags
        { "promote canary 20% --forse", ["don't know the option `--forse`", "Did you mean `--force`?"] },
        { "deploy checkout v2 --dry-rum", ["don't know the option `--dry-rum`", "Did you mean `--dry-run`?"] },
        { "deploy checkout v2 \u2014forse", ["Did you mean `--force`?"] },
        { "deploy checkout v2 --verbose", ["don't know the option `--verbose`", "Options are `--dry-run`, `--force`, `--auto`"] },

        // words after a complete command
        { "pause canary now", ["didn't understand `now` after `pause canary`", "`help pause`"] },
        { "resume checkout please", ["didn't understand `please` after `resume checkout`"] },
        { "rollback checkout v2", ["didn't understand `v2` after `rollback checkout`", "`help rollback`"] },
        { "abort checkout now", ["after `rollback checkout`"] },
        { "status checkout cart", ["didn't understand `cart` after `status checkout`"] },
        { "history checkout 10", ["didn't understand `10` after `history checkout`"] },
        { "help promote deploy", ["didn't understand `deploy` after `help promote`"] },
        { "help promot", ["There is no verb `promot`", "Did you mean `help promote`?"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Parse_InvalidCommand_ExplainsWhatWasWrong(string text, string[] keyWords)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded, $"`{text}` was understood as {result.Command}");
        Assert.Null(result.Command);
        Assert.NotNull(result.Error);
        foreach (var word in keyWords)
        {
            Assert.Contains(word, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_Null_AsksForACommand()
    {
        var result = CommandParser.Parse(null);

        Assert.False(result.Succeeded);
        Assert.Contains("didn't get a command", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate checkout")]
    [InlineData("xyz")]
    [InlineData("--dry-run deploy checkout v2")]
    public void Parse_UnknownVerbWithNoCloseMatch_GivesNoSuggestion(string text)
    {
        var result = CommandParser.Parse(text);

        Assert.Contains("I don't know the verb", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
        Assert.Contains("`help`", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFlagWithNoCloseMatch_GivesNoSuggestion()
    {
        var result = CommandParser.Parse("promote canary 20% --verbose");

        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HelpForUnknownVerbWithNoCloseMatch_GivesNoSuggestion()
    {
        var result = CommandParser.Parse("help frobnicate");

        Assert.Contains("There is no verb `frobnicate`", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy checkout v2", true)]
    [InlineData("promote canary 20%", true)]
    [InlineData("promote canary full", true)]
    [InlineData("rollback checkout", true)]
    [InlineData("pause canary", false)]
    [InlineData("resume canary", false)]
    [InlineData("status", false)]
    [InlineData("history checkout", false)]
    [InlineData("help", false)]
    public void Command_ChangesCluster_OnlyForVerbsThatTouchTheCluster(string text, bool changes)
    {
        Assert.Equal(changes, CommandParser.Parse(text).Command!.ChangesCluster);
    }

    [Fact]
    public void Parse_EveryVerbAndAlias_IsKnown()
    {
        foreach (var word in Verbs.Words)
        {
            var result = CommandParser.Parse(word);

            Assert.DoesNotContain("I don't know the verb", result.Error ?? string.Empty, StringComparison.Ordinal);
        }
    }
}

using System.Text.RegularExpressions;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>
/// Turns one line of chat text into a typed <see cref="Command"/>, or into a sentence that says what
/// was wrong. Pure: it knows the language, not the apps or the releases.
/// </summary>
public static partial class CommandParser
{
    public static ParseResult Parse(string? text)
    {
        if (CommandLine.Check(text, out var line) is { } unreadable)
        {
            return ParseResult.Fail(unreadable);
        }

        var words = Tokenize(line);
        if (words.Count == 0)
        {
            return ParseResult.Fail("I didn't get a command. Say `help` to see what I can do.");
        }

        var verb = Verbs.Find(words[0]);
        if (verb is null)
        {
            var guess = Suggestions.Closest(words[0], Verbs.Words);
            var hint = guess is null ? string.Empty : $" Did you mean `{guess}`?";
            return ParseResult.Fail($"I don't know the verb `{words[0]}`.{hint} Say `help` to see the verbs.");
        }

        var flagError = ReadFlags(words.Skip(1), out var flags, out var args);
        if (flagError is not null)
        {
            return ParseResult.Fail(flagError);
        }

        var result = verb.Name switch
        {
            "deploy" => ParseDeploy(args, flags),
            "promote" => PromoteParser.Parse(args, flags),
            "route" => RouteParser.Parse(args, flags),
            "compare" => CompareParser.Parse(args, flags),
            "pause" => ParseTarget(verb, args, t => new PauseCommand(t, flags)),
            "resume" => ParseTarget(verb, args, t => new ResumeCommand(t, flags)),
            "rollback" => ParseTarget(verb, args, t => new RollbackCommand(t, flags)),
            "status" => ParseStatus(args, flags),
            "history" => ParseApp("history", args, a => new HistoryCommand(a, flags)),
            "plan" => ParseApp("plan", args, a => new PlanCommand(a, flags)),
            "request" => ConsentParser.RequestApproval(args, flags),
            "approve" => ConsentParser.Decide("approve", args, flags, (id, text) => new ApproveCommand(id, text, flags)),
            "reject" => ConsentParser.Decide("reject", args, flags, (id, text) => new RejectCommand(id, text, flags)),
            "schedule" => ScheduleParser.Parse(args, flags),
            "veto" => ConsentParser.Decide("veto", args, flags, (id, text) => new VetoCommand(id, text, flags)),
            "postpone" => ConsentParser.Postpone(args, flags),
            "freeze" => FreezeParser.Freeze(args, flags),
            "unfreeze" => FreezeParser.Unfreeze(args, flags),
            "switch" => SwitchParser.Parse(args, flags),
            "flag" => FlagParser.Flag(args, flags),
            "flags" => FlagParser.List(args, flags),
            _ => ParseHelp(args, flags),
        };
        return result.Command is { } command ? CheckFlags(verb, command) : result;
    }

    private static string? StrategyError(string value, out Releases.ReleaseStrategy? strategy)
    {
        strategy = value.ToLowerInvariant() switch
        {
            "canary" => Releases.ReleaseStrategy.Canary,
            "bluegreen" or "blue-green" or "blue/green" => Releases.ReleaseStrategy.BlueGreen,
            _ => null,
        };
        return strategy is null
            ? $"`--strategy` takes `canary` or `bluegreen`{(value.Length == 0 ? string.Empty : $", not `{value}`")}, e.g. `deploy checkout v2.4.0 --strategy bluegreen`."
            : null;
    }

    internal static List<string> Tokenize(string? text) =>
        (text ?? string.Empty)
            .Replace('\u2014', '-').Replace('\u2013', '-') // chat clients turn "--" into dashes
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('`'))
            .Where(w => w.Length > 0)
            .ToList();

    private static string? ReadFlags(IEnumerable<string> words, out CommandFlags flags, out List<string> args)
    {
        flags = CommandFlags.None;
        args = [];
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var word = list[i];
            if (!word.StartsWith('-') || word.Length < 2 || char.IsDigit(word[1]))
            {
                args.Add(word);
                continue;
            }

            var name = "--" + word.TrimStart('-').ToLowerInvariant();
            if (name == "--strategy" || name.StartsWith("--strategy=", StringComparison.Ordinal))
            {
                var value = name.Length > "--strategy".Length ? name["--strategy=".Length..] : i + 1 < list.Count ? list[++i] : string.Empty;
                if (StrategyError(value, out var strategy) is { } strategyError)
                {
                    return strategyError;
                }

                flags = flags with { Strategy = strategy };
                continue;
            }

            switch (name)
            {
                case "--dry-run" or "--dryrun":
                    flags = flags with { DryRun = true };
                    break;
                case "--force":
                    flags = flags with { Force = true };
                    break;
                case "--auto":
                    flags = flags with { Auto = true };
                    break;
                default:
                    var guess = Suggestions.Closest(name, Verbs.Flags);
                    var hint = guess is null ? string.Empty : $" Did you mean `{guess}`?";
                    return $"I don't know the option `{word}`.{hint} Options are {string.Join(", ", Verbs.Flags.Select(f => $"`{f}`"))}.";
            }
        }

        return null;
    }

    private static ParseResult CheckFlags(Verb verb, Command command)
    {
        if (command.Flags.DryRun && !command.ChangesCluster)
        {
            return ParseResult.Fail($"`--dry-run` is for commands that change the cluster; `{verb.Name}` never does, so just leave it out.");
        }

        if (command.Flags.Force && command is not (PromoteCommand or DeployCommand or RouteCommand or FlagCommand or SwitchCommand))
        {
            return ParseResult.Fail($"`--force` only means something for `promote` (to lower the weight), and for an admin's `deploy`, `promote`, "
                + $"`switch`, `route` or `flag` during a freeze; `{verb.Name}` doesn't take it.");
        }

        if (command.Flags.Auto && command is not DeployCommand)
        {
            return ParseResult.Fail($"`--auto` is for `deploy` (the bot then moves through the plan by itself); `{verb.Name}` doesn't take it.");
        }

        if (command.Flags.Strategy is not null && command is not DeployCommand)
        {
            return ParseResult.Fail($"`--strategy` is for `deploy` (canary or blue-green); `{verb.Name}` doesn't take it.");
        }

        if (command.Flags.Auto && command.Flags.Strategy == Releases.ReleaseStrategy.BlueGreen)
        {
            return ParseResult.Fail("A blue-green release has no plan to move through by itself, so `--auto` does not go with `--strategy bluegreen`: "
                + "test the preview, then say `switch <app>`.");
        }

        return ParseResult.Ok(command);
    }

    private static ParseResult ParseDeploy(List<string> args, CommandFlags flags)
    {
        const string Example = "e.g. `deploy checkout v2.4.0`";
        if (args.Count < 2)
        {
            return ParseResult.Fail($"`deploy` needs an app and a version, {Example}.");
        }

        if (AppError(args[0]) is { } appError)
        {
            return ParseResult.Fail(appError);
        }

        if (!VersionPattern().IsMatch(args[1]))
        {
            return ParseResult.Fail($"`{args[1]}` is not a version I can use as an image tag (letters, digits, `.`, `_`, `-`; at most 128), {Example}.");
        }

        return args.Count > 2
            ? Trailing(args, 2, "deploy")
            : ParseResult.Ok(new DeployCommand(args[0].ToLowerInvariant(), args[1], flags));
    }

    private static ParseResult ParseTarget(Verb verb, List<string> args, Func<ReleaseTarget, Command> create)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`{verb.Name}` needs an app (or `canary`), e.g. `{verb.Name} checkout`.");
        }

        if (ReadTarget(verb.Name, args[0], out var target) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return args.Count > 1 ? Trailing(args, 1, verb.Name) : ParseResult.Ok(create(target));
    }

    private static ParseResult ParseStatus(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Ok(new StatusCommand(null, flags));
        }

        if (AppError(args[0]) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return args.Count > 1 ? Trailing(args, 1, "status") : ParseResult.Ok(new StatusCommand(args[0].ToLowerInvariant(), flags));
    }

    /// <summary>A verb that takes exactly one app: <c>history checkout</c>, <c>plan checkout</c>.</summary>
    private static ParseResult ParseApp(string verb, List<string> args, Func<string, Command> create)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`{verb}` needs an app, e.g. `{verb} checkout`.");
        }

        if (AppError(args[0]) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return args.Count > 1 ? Trailing(args, 1, verb) : ParseResult.Ok(create(args[0].ToLowerInvariant()));
    }

    private static ParseResult ParseHelp(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Ok(new HelpCommand(null, flags));
        }

        if (Verbs.Find(args[0]) is not { } verb)
        {
            var guess = Suggestions.Closest(args[0], Verbs.Words);
            var hint = guess is null ? string.Empty : $" Did you mean `help {guess}`?";
            return ParseResult.Fail($"There is no verb `{args[0]}`.{hint} Say `help` for the list.");
        }

        return args.Count > 1 ? Trailing(args, 1, "help") : ParseResult.Ok(new HelpCommand(verb.Name, flags));
    }

    internal static string? ReadTarget(string verb, string word, out ReleaseTarget target)
    {
        target = ReleaseTarget.Canary;
        if (string.Equals(word, "canary", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (PromoteParser.LooksLikeWeight(word))
        {
            return verb == "promote"
                ? $"Say which release first: `promote canary {word}` or `promote <app> {word}`."
                : $"`{verb}` takes a release, not a weight: `{verb} canary` or `{verb} <app>`.";
        }

        if (AppError(word) is { } error)
        {
            return error;
        }

        target = new ReleaseTarget(word.ToLowerInvariant());
        return null;
    }

    internal static string? AppError(string word) =>
        AppPattern().IsMatch(word)
            ? null
            : $"`{word}` is not an app name (lower-case letters, digits and `-`). Say `status` to see the apps.";

    internal static ParseResult Trailing(List<string> args, int used, string verb) =>
        ParseResult.Fail($"I didn't understand `{string.Join(' ', args.Skip(used))}` after `{verb} {string.Join(' ', args.Take(used))}`. Say `help {verb}` for its form.");

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex AppPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex VersionPattern();
}

using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsRelease.Commands.Flags;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>The arguments of <c>flag</c> and <c>flags</c>.</summary>
internal static partial class FlagParser
{
    public const int MaxNames = 100;

    private const string Example = "e.g. `flag demo new-checkout 30%`, `flag demo new-checkout users alice,bob`, `flag demo new-checkout on for 2h` or `flag demo new-checkout off`";

    public static ParseResult List(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Ok(new FlagListCommand(null, null, flags));
        }

        if (CommandParser.AppError(args[0]) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return args.Count > 1 ? CommandParser.Trailing(args, 1, "flags") : ParseResult.Ok(new FlagListCommand(args[0].ToLowerInvariant(), null, flags));
    }

    public static ParseResult Flag(List<string> args, CommandFlags flags)
    {
        if (args.Count < 2)
        {
            return ParseResult.Fail($"`flag` needs an app, a flag and what to do with it, {Example}. `flags <app>` lists an app's flags.");
        }

        if (CommandParser.AppError(args[0]) is { } appError)
        {
            return ParseResult.Fail(appError);
        }

        if (NameError(args[1]) is { } nameError)
        {
            return ParseResult.Fail(nameError);
        }

        var (app, name, rest) = (args[0].ToLowerInvariant(), args[1], args.Skip(2).ToList());
        if (rest.Count == 0)
        {
            return ParseResult.Ok(new FlagListCommand(app, name, flags));
        }

        if (rest.Count == 1 && string.Equals(rest[0], "history", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Ok(new FlagHistoryCommand(app, name, flags));
        }

        var end = EndAt(rest, out var when, out var endError);
        if (endError is not null)
        {
            return ParseResult.Fail(endError);
        }

        var what = rest.Take(end).ToList();
        var setting = what.Count == 0 ? ParseResult.Ok(new FlagCommand(app, name, new FlagSetting(FlagChangeKind.End), flags)) : Setting(app, name, what, flags);
        if (setting.Command is not FlagCommand command)
        {
            return setting;
        }

        if (when is not null && command.Setting.Kind == FlagChangeKind.Off)
        {
            return ParseResult.Fail($"`off` lasts until someone turns the flag on again; `for` and `until` go with `on`, a percentage, users or groups, {Example}.");
        }

        return ParseResult.Ok(command with { Setting = command.Setting with { End = when } });
    }

    /// <summary>Where <c>for &lt;duration&gt;</c> or <c>until &lt;time&gt;</c> starts (the end of <paramref name="words"/> when there is none), and what it says.</summary>
    private static int EndAt(List<string> words, out WhenSpec? when, out string? error)
    {
        (when, error) = (null, null);
        var at = words.FindIndex(w => w.ToLowerInvariant() is "for" or "until");
        if (at < 0)
        {
            return words.Count;
        }

        var after = words.Skip(at + 1).ToList();
        var isFor = words[at].Equals("for", StringComparison.OrdinalIgnoreCase);
        var used = isFor ? WhenParser.ReadDelay(after, out when, out error) : WhenParser.ReadClock(after, out when, out error);
        if (used == 0)
        {
            error = error!.Replace("after `in`", "after `for`", StringComparison.Ordinal).Replace("`in ", "`for ", StringComparison.Ordinal);
            return at;
        }

        if (used < after.Count)
        {
            error = $"I didn't understand `{string.Join(' ', after.Skip(used))}` after `{words[at]} {string.Join(' ', after.Take(used))}`. {Example}.";
        }

        return at;
    }

    private static ParseResult Setting(string app, string name, List<string> what, CommandFlags flags)
    {
        var word = what[0].ToLowerInvariant();
        FlagSetting? setting = word switch
        {
            "on" or "enable" when what.Count == 1 => new FlagSetting(FlagChangeKind.On),
            "off" or "disable" when what.Count == 1 => new FlagSetting(FlagChangeKind.Off),
            _ => null,
        };
        if (setting is not null)
        {
            return ParseResult.Ok(new FlagCommand(app, name, setting, flags));
        }

        if (word is "users" or "user" or "groups" or "group")
        {
            var names = string.Join(',', what.Skip(1)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var users = word.StartsWith("user", StringComparison.Ordinal);
            if (names.Length == 0)
            {
                return ParseResult.Fail($"`{word}` needs a list, e.g. `flag {app} {name} {(users ? "users alice,bob" : "groups beta,staff:50%")}` (`{word} none` empties it).");
            }

            if (names.Length > MaxNames)
            {
                return ParseResult.Fail($"That is {names.Length} {(users ? "users" : "groups")}; a flag takes at most {MaxNames}. Use a group or a percentage for more.");
            }

            var none = names is [var only] && only.Equals("none", StringComparison.OrdinalIgnoreCase);
            return users ? Users(app, name, none ? [] : names, flags) : Groups(app, name, none ? [] : names, flags);
        }

        if (what.Count >= 2 && what[^1].Equals("requests", StringComparison.OrdinalIgnoreCase))
        {
            var share = what.Take(what.Count - 1).ToList();
            if (share.Count > 1 && share[^1].Equals("of", StringComparison.OrdinalIgnoreCase))
            {
                share.RemoveAt(share.Count - 1);
            }

            return ReadPercent(string.Concat(share)) is { } requests and >= 0 and <= 100
                ? ParseResult.Ok(new FlagCommand(app, name, new FlagSetting(FlagChangeKind.RequestPercentage, Percentage: requests), flags))
                : ParseResult.Fail($"`{string.Join(' ', what)}` needs a share from 0% to 100% before `of requests`, e.g. `flag {app} {name} 10% of requests`.");
        }

        if (ReadPercent(string.Concat(what)) is { } percent)
        {
            return percent is < 0 or > 100
                ? ParseResult.Fail($"A flag's share of users is 0% to 100%, not {percent}%.")
                : ParseResult.Ok(new FlagCommand(app, name, new FlagSetting(FlagChangeKind.Percentage, Percentage: percent), flags));
        }

        return ParseResult.Fail($"I didn't understand `{string.Join(' ', what)}` for a flag: say `on`, `off`, a share like `30%`, `users <id,…>`, `groups <name,…>` "
            + $"or `for <duration>`, {Example}.");
    }

    private static ParseResult Users(string app, string name, IReadOnlyList<string> ids, CommandFlags flags)
    {
        var bad = ids.FirstOrDefault(id => !UserPattern().IsMatch(id));
        return bad is not null
            ? ParseResult.Fail($"`{bad}` is not a user id I can target (letters, digits and `.`, `_`, `-`, `@`, `+`, `:`; at most 128).")
            : ParseResult.Ok(new FlagCommand(app, name, new FlagSetting(FlagChangeKind.Users, Users: [.. ids.Distinct(StringComparer.Ordinal)]), flags));
    }

    private static ParseResult Groups(string app, string name, IReadOnlyList<string> entries, CommandFlags flags)
    {
        var groups = new List<FlagGroup>();
        foreach (var entry in entries)
        {
            var parts = entry.Split(':', 2);
            var percent = parts.Length == 2 ? ReadPercent(parts[1]) : 100;
            if (!GroupPattern().IsMatch(parts[0]) || percent is null or < 0 or > 100)
            {
                return ParseResult.Fail($"`{entry}` is not a group I can target: a name (letters, digits and `.`, `_`, `-`, `@`; at most 128), "
                    + "optionally with a share of its members like `beta:50%`.");
            }

            if (groups.Any(g => string.Equals(g.Name, parts[0], StringComparison.Ordinal)))
            {
                return ParseResult.Fail($"The group `{parts[0]}` is named twice.");
            }

            groups.Add(new FlagGroup(parts[0], percent.Value));
        }

        return ParseResult.Ok(new FlagCommand(app, name, new FlagSetting(FlagChangeKind.Groups, Groups: groups), flags));
    }

    internal static string? NameError(string word) =>
        NamePattern().IsMatch(word)
            ? null
            : $"`{word}` is not a flag name (letters, digits, `-`, `_` and `.`, starting with a letter or digit; at most 64).";

    private static int? ReadPercent(string text)
    {
        var match = PercentPattern().Match(text);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9._@+:-]{1,128}$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,128}$")]
    private static partial Regex GroupPattern();

    [GeneratedRegex("^([0-9]{1,3})(%|percent)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PercentPattern();
}

using System.Text;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>
/// The arguments of <c>route</c>: a target, then <c>header &lt;Name&gt;=&lt;value&gt;</c>, <c>cookie &lt;name&gt;</c>
/// (either optionally <c>for &lt;duration&gt;</c>) or <c>clear</c>.
/// </summary>
internal static class RouteParser
{
    public const int MaxNameLength = 100;
    public const int MaxValueLength = 256;

    private const string Example = "e.g. `route checkout header X-Canary=testers for 2h`, `route checkout cookie canary` or `route checkout clear`";

    // What a router would read as a pattern rather than a literal (or, for ',', as a list of values).
    private const string PatternCharacters = "*?|()[]{}^$\\,";

    private static readonly string[] Kinds = ["header", "cookie", "clear"];

    public static ParseResult Parse(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`route` needs a release and a rule, {Example}.");
        }

        if (CommandParser.ReadTarget("route", args[0], out var target) is { } targetError)
        {
            return ParseResult.Fail(targetError);
        }

        if (args.Count == 1)
        {
            return ParseResult.Fail($"`route {args[0]}` needs `header <Name>=<value>`, `cookie <name>` or `clear`, {Example}.");
        }

        switch (args[1].ToLowerInvariant())
        {
            case "clear":
                return args.Count > 2
                    ? CommandParser.Trailing(args, 2, "route")
                    : ParseResult.Ok(new RouteCommand(target, null, null, null, null, flags));
            case "header":
                return Header(args, target, flags);
            case "cookie":
                return Cookie(args, target, flags);
            default:
                var guess = Suggestions.Closest(args[1], Kinds);
                var hint = guess is null ? string.Empty : $" Did you mean `{guess}`?";
                return ParseResult.Fail($"`route` takes `header`, `cookie` or `clear`, not `{args[1]}`.{hint} {Example}.");
        }
    }

    private static ParseResult Header(List<string> args, ReleaseTarget target, CommandFlags flags)
    {
        if (args.Count < 3)
        {
            return ParseResult.Fail("`header` needs the header's name and the value testers send, as `Name=value`: "
                + $"e.g. `route {args[0]} header X-Canary=testers`.");
        }

        var word = args[2];
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || (equals == word.Length - 1 && args.Count > 3))
        {
            return ParseResult.Fail(NoEquals(args));
        }

        var (name, value) = (word[..equals], word[(equals + 1)..]);
        if (name.Length == 0)
        {
            return ParseResult.Fail($"`{word}` has no header name before `=`: write it as `Name=value`, e.g. `X-Canary=testers`.");
        }

        var problem = TokenError("header", name)
            ?? (value.Length == 0 ? $"The header `{name}` needs a value after `=`, e.g. `{name}=testers`." : ValueError(name, value));
        return problem is not null
            ? ParseResult.Fail(problem)
            : WithDuration(args, target, RouteRuleKind.Header, name, value, flags);
    }

    /// <summary>Why <c>header</c> was not followed by one <c>Name=value</c> word, with the word it should have been.</summary>
    private static string NoEquals(List<string> args)
    {
        var word = args[2];
        var next = args.Count > 3 ? args[3] : null;
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var value = colon < word.Length - 1 ? word[(colon + 1)..] : next ?? "testers";
            return $"Write the header as `Name=value`: `{word[..colon]}={value}`.";
        }

        if (!word.EndsWith('=') && next?.StartsWith('=') != true)
        {
            return $"`{word}` has no value: write the header as `Name=value`, e.g. `header {word}=testers`.";
        }

        var typed = next?.TrimStart('=') is { Length: > 0 } rest ? rest : args.Count > 4 ? args[4] : "testers";
        return $"Write the header as one word, with no spaces around `=`: `{word.TrimEnd('=')}={typed}`.";
    }

    private static ParseResult Cookie(List<string> args, ReleaseTarget target, CommandFlags flags)
    {
        if (args.Count < 3)
        {
            return ParseResult.Fail($"`cookie` needs the cookie's name, e.g. `route {args[0]} cookie canary`: "
                + $"requests carrying `canary={RouteRule.CookieValue}` then reach the canary.");
        }

        var name = args[2];
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            return ParseResult.Fail($"A cookie rule takes only the cookie's name: requests with `{name[..equals]}={RouteRule.CookieValue}` "
                + $"reach the canary. Leave out `{name[equals..]}`.");
        }

        return TokenError("cookie", name) is { } problem
            ? ParseResult.Fail(problem)
            : WithDuration(args, target, RouteRuleKind.Cookie, name, null, flags);
    }

    /// <summary>Reads an optional <c>for &lt;duration&gt;</c> after the rule (its first three words).</summary>
    private static ParseResult WithDuration(List<string> args, ReleaseTarget target, RouteRuleKind kind, string name, string? value, CommandFlags flags)
    {
        const int Used = 3;
        if (args.Count == Used)
        {
            return ParseResult.Ok(new RouteCommand(target, kind, name, value, null, flags));
        }

        var rest = args.Skip(Used).ToList();
        if (!string.Equals(rest[0], "for", StringComparison.OrdinalIgnoreCase))
        {
            return DurationParser.Read(rest, out _) is var count and > 0
                ? ParseResult.Fail($"I didn't understand `{string.Join(' ', rest)}` after `route {string.Join(' ', args.Take(Used))}`. "
                    + $"Did you mean `for {string.Join(' ', rest.Take(count))}`?")
                : CommandParser.Trailing(args, Used, "route");
        }

        var words = rest.Skip(1).ToList();
        if (words.Count == 0)
        {
            return ParseResult.Fail($"`for` needs how long the rule lasts, such as {DurationParser.Forms} (from 1 minute to 7 days).");
        }

        var read = DurationParser.Read(words, out var duration);
        if (read == 0)
        {
            return ParseResult.Fail($"I can't read `{string.Join(' ', words)}` as a duration. Say {DurationParser.Forms}, "
                + "from 1 minute to 7 days.");
        }

        if (DurationParser.RangeError(string.Join(' ', words.Take(read)), duration) is { } range)
        {
            return ParseResult.Fail(range);
        }

        return Used + 1 + read < args.Count
            ? CommandParser.Trailing(args, Used + 1 + read, "route")
            : ParseResult.Ok(new RouteCommand(target, kind, name, value, duration, flags));
    }

    /// <summary>Header and cookie names are tokens (RFC 7230 / RFC 6265): letters, digits and a few symbols.</summary>
    internal static string? TokenError(string noun, string name)
    {
        if (name.Length > MaxNameLength)
        {
            return $"A {noun} name has at most {MaxNameLength} characters; `{string.Concat(name.EnumerateRunes().Take(20))}…` has {name.Length}.";
        }

        var bad = FirstOutside(name, IsTokenCharacter);
        return bad is null
            ? null
            : $"`{name}` is not a {noun} name: `{bad}` is not allowed (letters, digits and the symbols `!#$%&'*+-.^_|~` or a backtick only).";
    }

    internal static string? ValueError(string name, string value)
    {
        if (value.Length > MaxValueLength)
        {
            return $"The value of the header `{name}` has {value.Length} characters; a rule's value has at most {MaxValueLength}.";
        }

        var invisible = FirstOutside(value, c => c is >= '!' and <= '~');
        if (invisible is not null)
        {
            return $"The value of the header `{name}` has `{invisible}`, which routers cannot match exactly; use visible ASCII characters without spaces.";
        }

        var pattern = value.FirstOrDefault(c => PatternCharacters.Contains(c, StringComparison.Ordinal));
        if (pattern == ',')
        {
            return $"The value of the header `{name}` has `,`, which joins several values in one header, so a router cannot match it exactly; choose a value without it.";
        }

        return pattern == default
            ? null
            : $"The value of the header `{name}` has `{pattern}`, which some routers read as a wildcard or pattern; a rule matches its value exactly, "
                + "so leave out `* ? | ( ) [ ] { } ^ $ \\ ,`.";
    }

    /// <summary>The first character (a whole one, never half a surrogate pair) that is not <paramref name="allowed"/>, or null.</summary>
    private static string? FirstOutside(string text, Func<char, bool> allowed) =>
        text.EnumerateRunes().Where(r => !r.IsBmp || !allowed((char)r.Value)).Select(r => r.ToString()).FirstOrDefault();

    private static bool IsTokenCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}

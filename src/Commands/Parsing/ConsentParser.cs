using System.Text.RegularExpressions;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>The arguments of <c>request approval</c>, <c>approve</c>, <c>reject</c>, <c>veto</c> and <c>postpone</c>.</summary>
internal static partial class ConsentParser
{
    /// <summary>The longest free text (a reason, a comment) kept.</summary>
    public const int MaxText = 300;

    public static ParseResult RequestApproval(List<string> args, CommandFlags flags)
    {
        const string Example = "e.g. `request approval checkout` or `request approval checkout going to 50% tonight`";
        if (args.Count == 0 || !string.Equals(args[0], "approval", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Fail($"Say `request approval <app>` to ask approvers for a release's next step, {Example}.");
        }

        if (args.Count < 2)
        {
            return ParseResult.Fail($"`request approval` needs an app (or `canary`), {Example}.");
        }

        if (CommandParser.ReadTarget("request approval", args[1], out var target) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return Text(args, 2, out var reason) is { } tooLong
            ? ParseResult.Fail(tooLong)
            : ParseResult.Ok(new RequestApprovalCommand(target, reason, flags));
    }

    public static ParseResult Decide(string verb, List<string> args, CommandFlags flags, Func<string, string, Command> create)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`{verb}` needs the id the request was posted with, e.g. `{verb} a1b2c3`.");
        }

        if (IdError(args[0]) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return Text(args, 1, out var text) is { } tooLong ? ParseResult.Fail(tooLong) : ParseResult.Ok(create(args[0].ToLowerInvariant(), text));
    }

    public static ParseResult Postpone(List<string> args, CommandFlags flags)
    {
        const string Example = "e.g. `postpone s1b2c3 30m`";
        if (args.Count < 2)
        {
            return ParseResult.Fail($"`postpone` needs a scheduled promotion's id and by how long, {Example}.");
        }

        if (IdError(args[0]) is { } error)
        {
            return ParseResult.Fail(error);
        }

        var words = args.Skip(1).SkipWhile(w => string.Equals(w, "by", StringComparison.OrdinalIgnoreCase)).ToList();
        var used = DurationParser.Read(words, out var by);
        if (used == 0 || used < words.Count)
        {
            return ParseResult.Fail($"I didn't understand `{string.Join(' ', args.Skip(1))}` as a duration ({DurationParser.Forms}), {Example}.");
        }

        return by < DurationParser.Shortest || by > DurationParser.Longest
            ? ParseResult.Fail("A promotion can be postponed by 1 minute to 7 days at a time.")
            : ParseResult.Ok(new PostponeCommand(args[0].ToLowerInvariant(), by, flags));
    }

    internal static string? IdError(string word) =>
        IdPattern().IsMatch(word) ? null : $"`{word}` is not an id I gave out (like `a1b2c3` or `s1b2c3`); `schedule list` and the release thread show them.";

    /// <summary>The words from <paramref name="start"/> on as one text; an error when it is too long.</summary>
    internal static string? Text(List<string> args, int start, out string text)
    {
        text = string.Join(' ', args.Skip(start));
        return text.Length > MaxText ? $"That text is {text.Length} characters long; keep it under {MaxText}." : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,15}$")]
    private static partial Regex IdPattern();
}

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>The arguments of <c>freeze</c> and <c>unfreeze</c>.</summary>
internal static class FreezeParser
{
    private const string Example = "e.g. `freeze checkout until 18:00 incident 4711`, `freeze all for 2h black friday` or `unfreeze checkout`";

    public static ParseResult Freeze(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0 || (args.Count == 1 && string.Equals(args[0], "list", StringComparison.OrdinalIgnoreCase)))
        {
            return ParseResult.Ok(new FreezeListCommand(flags));
        }

        if (Scope(args[0], out var app) is { } error)
        {
            return ParseResult.Fail(error);
        }

        var rest = args.Skip(1).ToList();
        WhenSpec? until = null;
        if (rest.Count > 0 && rest[0].ToLowerInvariant() is "until" or "for")
        {
            var words = rest.Skip(1).ToList();
            var used = rest[0].Equals("for", StringComparison.OrdinalIgnoreCase)
                ? WhenParser.ReadDelay(words, out until, out var whenError)
                : WhenParser.ReadClock(words, out until, out whenError);
            if (used == 0)
            {
                return ParseResult.Fail(whenError!.Replace("after `in`", "after `for`", StringComparison.Ordinal));
            }

            rest = words.Skip(used).ToList();
        }

        if (rest.Count > 0 && rest[0].Equals("because", StringComparison.OrdinalIgnoreCase))
        {
            rest.RemoveAt(0);
        }

        return ConsentParser.Text(rest, 0, out var reason) is { } tooLong
            ? ParseResult.Fail(tooLong)
            : ParseResult.Ok(new FreezeCommand(app, until, reason, flags));
    }

    public static ParseResult Unfreeze(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`unfreeze` needs an app or `all`, {Example}.");
        }

        if (Scope(args[0], out var app) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return args.Count > 1 ? CommandParser.Trailing(args, 1, "unfreeze") : ParseResult.Ok(new UnfreezeCommand(app, flags));
    }

    private static string? Scope(string word, out string? app)
    {
        app = null;
        if (string.Equals(word, "all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (CommandParser.AppError(word) is { } error)
        {
            return error;
        }

        app = word.ToLowerInvariant();
        return null;
    }
}

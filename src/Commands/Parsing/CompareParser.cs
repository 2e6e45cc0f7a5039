namespace ChatOpsRelease.Commands.Parsing;

/// <summary>The arguments of <c>compare</c>: a target, then optionally <c>last &lt;duration&gt;</c>.</summary>
internal static class CompareParser
{
    private const string Example = "e.g. `compare checkout` or `compare canary last 1h`";

    public static ParseResult Parse(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`compare` needs a release, {Example}.");
        }

        if (CommandParser.ReadTarget("compare", args[0], out var target) is { } targetError)
        {
            return ParseResult.Fail(targetError);
        }

        if (args.Count == 1)
        {
            return ParseResult.Ok(new CompareCommand(target, null, flags));
        }

        var rest = args.Skip(1).ToList();
        if (!string.Equals(rest[0], "last", StringComparison.OrdinalIgnoreCase))
        {
            return DurationParser.Read(rest, out _) is var count and > 0
                ? ParseResult.Fail($"I didn't understand `{string.Join(' ', rest)}` after `compare {args[0]}`. "
                    + $"Did you mean `last {string.Join(' ', rest.Take(count))}`?")
                : CommandParser.Trailing(args, 1, "compare");
        }

        var words = rest.Skip(1).ToList();
        if (words.Count == 0)
        {
            return ParseResult.Fail($"`last` needs how far back to look, such as {DurationParser.Forms} (from 1 minute to 7 days).");
        }

        var read = DurationParser.Read(words, out var window);
        if (read == 0)
        {
            return ParseResult.Fail($"I can't read `{string.Join(' ', words)}` as a duration. Say {DurationParser.Forms}, from 1 minute to 7 days.");
        }

        if (RangeError(string.Join(' ', words.Take(read)), window) is { } range)
        {
            return ParseResult.Fail(range);
        }

        return 2 + read < args.Count
            ? CommandParser.Trailing(args, 2 + read, "compare")
            : ParseResult.Ok(new CompareCommand(target, window, flags));
    }

    private static string? RangeError(string shown, TimeSpan window) =>
        window < DurationParser.Shortest ? $"A comparison looks back from 1 minute to 7 days; `{shown}` is shorter than that."
        : window > DurationParser.Longest ? $"A comparison looks back from 1 minute to 7 days; `{shown}` is longer than that."
        : null;
}

namespace ChatOpsRelease.Commands.Parsing;

/// <summary><c>switch &lt;app|canary&gt; [keep old for &lt;duration&gt;]</c>: a blue-green release's new colour takes all traffic at once.</summary>
public sealed record SwitchCommand(ReleaseTarget Target, TimeSpan? KeepOld, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => true;
}

/// <summary>The arguments of <c>switch</c>.</summary>
internal static class SwitchParser
{
    private const string Example = "e.g. `switch checkout` or `switch checkout keep old for 2h`";

    public static ParseResult Parse(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`switch` needs a release, {Example}.");
        }

        if (CommandParser.ReadTarget("switch", args[0], out var target) is { } error)
        {
            return ParseResult.Fail(error);
        }

        var rest = args.Skip(1).ToList();
        if (rest.Count == 0)
        {
            return ParseResult.Ok(new SwitchCommand(target, null, flags));
        }

        if (rest.Count < 4 || !rest[0].Equals("keep", StringComparison.OrdinalIgnoreCase) || !rest[1].Equals("old", StringComparison.OrdinalIgnoreCase)
            || !rest[2].Equals("for", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Fail($"I didn't understand `{string.Join(' ', rest)}` after `switch {args[0]}`: say how long to keep the old colour up, {Example}.");
        }

        var words = rest.Skip(3).ToList();
        var used = DurationParser.Read(words, out var keep);
        if (used == 0 || used < words.Count)
        {
            return ParseResult.Fail($"I expected a duration like {DurationParser.Forms} after `keep old for`, not `{string.Join(' ', words)}`.");
        }

        return keep < DurationParser.Shortest || keep > DurationParser.Longest
            ? ParseResult.Fail($"The old colour may be kept from 1 minute to 7 days after the switch; `{string.Join(' ', words)}` is not in that range.")
            : ParseResult.Ok(new SwitchCommand(target, keep, flags));
    }
}

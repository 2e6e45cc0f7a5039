namespace ChatOpsRelease.Commands.Parsing;

/// <summary>The arguments of <c>schedule</c>: <c>promote … at|in …</c>, <c>list [app]</c>, <c>cancel &lt;id&gt;</c>.</summary>
internal static class ScheduleParser
{
    private const string Example = "e.g. `schedule promote checkout 50% at 14:00 Asia/Shanghai` or `schedule promote checkout next in 2h`";

    public static ParseResult Parse(List<string> args, CommandFlags flags)
    {
        var sub = args.Count == 0 ? "list" : args[0].ToLowerInvariant();
        return sub switch
        {
            "list" or "ls" => List(args, flags),
            "cancel" => args.Count == 2 && ConsentParser.IdError(args[1]) is null
                ? ParseResult.Ok(new ScheduleCancelCommand(args[1].ToLowerInvariant(), flags))
                : ParseResult.Fail(args.Count < 2 ? "`schedule cancel` needs the id of a scheduled promotion, e.g. `schedule cancel s1b2c3`."
                    : ConsentParser.IdError(args[1]) ?? CommandParser.Trailing(args, 2, "schedule").Error!),
            "promote" => Promote(args, flags),
            _ => ParseResult.Fail($"`schedule` takes `promote`, `list` or `cancel`, {Example}."),
        };
    }

    private static ParseResult List(List<string> args, CommandFlags flags)
    {
        if (args.Count <= 1)
        {
            return ParseResult.Ok(new ScheduleListCommand(null, flags));
        }

        if (CommandParser.AppError(args[1]) is { } error)
        {
            return ParseResult.Fail(error);
        }

        return args.Count > 2 ? CommandParser.Trailing(args, 2, "schedule") : ParseResult.Ok(new ScheduleListCommand(args[1].ToLowerInvariant(), flags));
    }

    private static ParseResult Promote(List<string> args, CommandFlags flags)
    {
        if (args.Count < 2)
        {
            return ParseResult.Fail($"`schedule promote` needs a release, how far to promote it and when, {Example}.");
        }

        var cut = args.FindIndex(2, w => w.ToLowerInvariant() is "at" or "in");
        if (cut < 0)
        {
            return ParseResult.Fail($"Say when: `at <time> [zone]` or `in <duration>`, {Example}.");
        }

        var promote = PromoteParser.Parse(args.GetRange(1, cut - 1), flags with { DryRun = false });
        if (promote.Command is not PromoteCommand command)
        {
            return ParseResult.Fail(promote.Error!.Replace("`promote", "`schedule promote", StringComparison.Ordinal));
        }

        var rest = args.Skip(cut + 1).ToList();
        var used = string.Equals(args[cut], "in", StringComparison.OrdinalIgnoreCase)
            ? WhenParser.ReadDelay(rest, out var when, out var error)
            : WhenParser.ReadClock(rest, out when, out error);
        if (used == 0)
        {
            return ParseResult.Fail(error!);
        }

        return used < rest.Count
            ? ParseResult.Fail($"I didn't understand `{string.Join(' ', rest.Skip(used))}` after `{when!.Shown}`. Forms: {WhenParser.Forms}.")
            : ParseResult.Ok(new SchedulePromoteCommand(command, when!, flags));
    }
}

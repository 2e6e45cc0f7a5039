using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>The arguments of <c>promote</c>: a target, an optional <c>to</c>, then a weight, <c>next</c> or <c>full</c>.</summary>
internal static partial class PromoteParser
{
    private const string Example = "e.g. `promote checkout 20%`, `promote canary next` or `promote canary full`";

    public static ParseResult Parse(List<string> args, CommandFlags flags)
    {
        if (args.Count == 0)
        {
            return ParseResult.Fail($"`promote` needs a release and where to take it, {Example}.");
        }

        if (CommandParser.ReadTarget("promote", args[0], out var target) is { } targetError)
        {
            return ParseResult.Fail(targetError);
        }

        var rest = args.Skip(1).ToList();
        if (rest.Count > 0 && string.Equals(rest[0], "to", StringComparison.OrdinalIgnoreCase))
        {
            rest.RemoveAt(0);
        }

        if (rest.Count == 0)
        {
            return ParseResult.Fail($"`promote {args[0]}` needs a weight, `next` or `full`, {Example}.");
        }

        if (rest.Count == 1 && string.Equals(rest[0], "next", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Ok(new PromoteCommand(target, PromoteKind.Next, null, flags));
        }

        if (rest.Count == 1 && string.Equals(rest[0], "full", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Ok(new PromoteCommand(target, PromoteKind.Full, null, flags));
        }

        return ReadWeight(rest, out var weight) is { } error
            ? ParseResult.Fail(error)
            : ParseResult.Ok(new PromoteCommand(target, PromoteKind.Weight, weight, flags));
    }

    public static bool LooksLikeWeight(string word) => WeightPattern().IsMatch(word);

    /// <summary>Reads <c>20%</c>, <c>20 %</c>, <c>20</c>, <c>20 percent</c> (one to two words).</summary>
    private static string? ReadWeight(List<string> words, out int weight)
    {
        weight = 0;
        var joined = string.Concat(words);
        var match = WeightPattern().Match(joined);
        if (words.Count > 2 || !match.Success || (words.Count == 2 && !UnitPattern().IsMatch(words[1])))
        {
            var shown = string.Join(' ', words);
            var extra = words.Count > 1 && WeightPattern().IsMatch(words[0])
                ? $"I didn't understand `{string.Join(' ', words.Skip(1))}` after the weight `{words[0]}`."
                : $"I can't read `{shown}` as a weight.";
            return $"{extra} Say a whole percentage from 0 to 100, `next` or `full`, {Example}.";
        }

        var number = match.Groups["number"].Value.Replace(',', '.');
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return $"I can't read `{joined}` as a weight. Say a whole percentage from 0 to 100.";
        }

        if (value < 0 || value > 100)
        {
            return $"A weight is a share of traffic from 0% to 100%; {number}% is outside that.";
        }

        if (value != decimal.Truncate(value))
        {
            return $"Weights are whole percentages; say `{decimal.Round(value, MidpointRounding.AwayFromZero)}%` rather than `{number}%`.";
        }

        weight = (int)value;
        return null;
    }

    [GeneratedRegex(@"^(?<number>[-+]?\d{1,9}(?:[.,]\d+)?)(?:%|percent|pct)?$", RegexOptions.IgnoreCase)]
    private static partial Regex WeightPattern();

    // The second word of a two-word weight may only be its unit ("20 %", "20 percent"), never more digits.
    [GeneratedRegex("^(?:%|percent|pct)$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>
/// How long a rule lasts: <c>30m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c>, <c>90 minutes</c>, <c>2 hours</c> —
/// parts from days down to seconds, each at most once, in that order.
/// </summary>
internal static partial class DurationParser
{
    public const string Forms = "`30m`, `2h`, `1d`, `1h30m` or `90 minutes`";

    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    // The longest duration worth reading spans four words: "1 h 30 min".
    private const int MostWords = 4;

    private static readonly Dictionary<string, (int Rank, TimeSpan Unit)> Units = new(StringComparer.Ordinal)
    {
        ["d"] = (0, TimeSpan.FromDays(1)), ["day"] = (0, TimeSpan.FromDays(1)), ["days"] = (0, TimeSpan.FromDays(1)),
        ["h"] = (1, TimeSpan.FromHours(1)), ["hr"] = (1, TimeSpan.FromHours(1)), ["hrs"] = (1, TimeSpan.FromHours(1)),
        ["hour"] = (1, TimeSpan.FromHours(1)), ["hours"] = (1, TimeSpan.FromHours(1)),
        ["m"] = (2, TimeSpan.FromMinutes(1)), ["min"] = (2, TimeSpan.FromMinutes(1)), ["mins"] = (2, TimeSpan.FromMinutes(1)),
        ["minute"] = (2, TimeSpan.FromMinutes(1)), ["minutes"] = (2, TimeSpan.FromMinutes(1)),
        ["s"] = (3, TimeSpan.FromSeconds(1)), ["sec"] = (3, TimeSpan.FromSeconds(1)), ["secs"] = (3, TimeSpan.FromSeconds(1)),
        ["second"] = (3, TimeSpan.FromSeconds(1)), ["seconds"] = (3, TimeSpan.FromSeconds(1)),
    };

    /// <summary>Reads a duration from the most leading words that form one; returns how many it used (0: none).</summary>
    public static int Read(IReadOnlyList<string> words, out TimeSpan duration)
    {
        for (var count = Math.Min(MostWords, words.Count); count > 0; count--)
        {
            if (TryParse(string.Concat(words.Take(count)), out duration))
            {
                return count;
            }
        }

        duration = TimeSpan.Zero;
        return 0;
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text.ToLowerInvariant());
        if (!match.Success)
        {
            return false;
        }

        var lastRank = -1;
        for (var i = 0; i < match.Groups["number"].Captures.Count; i++)
        {
            if (!Units.TryGetValue(match.Groups["unit"].Captures[i].Value, out var unit) || unit.Rank <= lastRank)
            {
                return false;
            }

            lastRank = unit.Rank;
            duration += unit.Unit * int.Parse(match.Groups["number"].Captures[i].Value, CultureInfo.InvariantCulture);
        }

        return true;
    }

    /// <summary>A sentence when the duration is shorter than a minute or longer than a week, else null.</summary>
    public static string? RangeError(string shown, TimeSpan duration)
    {
        if (duration < Shortest)
        {
            return $"A rule lasts from 1 minute to 7 days; `{shown}` is shorter than that.";
        }

        return duration > Longest
            ? $"A rule lasts from 1 minute to 7 days; `{shown}` is longer than that. Leave out `for …` to keep the rule until `route <app> clear`."
            : null;
    }

    [GeneratedRegex("^(?:(?<number>[0-9]{1,6})(?<unit>[a-z]+))+$")]
    private static partial Regex DurationPattern();
}

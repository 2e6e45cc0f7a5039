using ChatOpsRelease.Commands.Consent;
using NodaTime;
using NodaTime.Text;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>Reads a <see cref="WhenSpec"/> from the words after <c>at</c>, <c>until</c> or <c>in</c>.</summary>
internal static class WhenParser
{
    public const string Forms = "`at 14:30`, `at tomorrow 09:00`, `at 2026-12-01 14:30`, each optionally with a zone like `Asia/Shanghai`, or `in 2h`";

    private static readonly LocalTimePattern[] TimePatterns =
        [LocalTimePattern.CreateWithInvariantCulture("H:mm"), LocalTimePattern.CreateWithInvariantCulture("H:mm:ss")];

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>
    /// Reads a clock time (with an optional day before it and zone after it) from the start of <paramref name="words"/>.
    /// Returns how many words it used, or 0 with <paramref name="error"/> set.
    /// </summary>
    public static int ReadClock(IReadOnlyList<string> words, out WhenSpec? when, out string? error)
    {
        (when, error) = (null, null);
        var used = 0;
        LocalDate? date = null;
        var tomorrow = false;
        if (words.Count > 0 && words[0].Contains('T', StringComparison.Ordinal) && words[0].Split('T') is [var d, var t]
            && DatePattern.Parse(d) is { Success: true } joinedDate && ReadTime(t) is { } joinedTime)
        {
            return WithZone(words, 1, joinedDate.Value, joinedTime, false, out when);
        }

        if (words.Count > 0 && string.Equals(words[0], "tomorrow", StringComparison.OrdinalIgnoreCase))
        {
            (tomorrow, used) = (true, 1);
        }
        else if (words.Count > 0 && string.Equals(words[0], "today", StringComparison.OrdinalIgnoreCase))
        {
            used = 1;
        }
        else if (words.Count > 0 && DatePattern.Parse(words[0]) is { Success: true } parsed)
        {
            (date, used) = (parsed.Value, 1);
        }

        if (words.Count <= used || ReadTime(words[used]) is not { } time)
        {
            var shown = words.Count > used ? $"`{words[used]}`" : "nothing";
            error = $"I expected a time of day like `14:30` but got {shown}. Forms: {Forms}.";
            return 0;
        }

        return WithZone(words, used + 1, date, time, tomorrow, out when);
    }

    /// <summary>Reads <c>in &lt;duration&gt;</c>'s duration (1 minute to 30 days). Returns words used, or 0 with an error.</summary>
    public static int ReadDelay(IReadOnlyList<string> words, out WhenSpec? when, out string? error)
    {
        (when, error) = (null, null);
        var used = DurationParser.Read(words, out var delay);
        if (used == 0)
        {
            error = $"I expected a duration like {DurationParser.Forms} after `in`.";
            return 0;
        }

        if (delay < DurationParser.Shortest || delay > WhenSpec.Horizon)
        {
            error = $"`in {string.Join(' ', words.Take(used))}` must be between 1 minute and 30 days.";
            return 0;
        }

        when = new WhenSpec(delay, null, LocalTime.Midnight, false, null, "in " + string.Join(' ', words.Take(used)));
        return used;
    }

    private static int WithZone(IReadOnlyList<string> words, int used, LocalDate? date, LocalTime time, bool tomorrow, out WhenSpec when)
    {
        string? zone = null;
        if (words.Count > used && TimeZones.Find(words[used]) is { } found)
        {
            zone = found.Id;
            used++;
        }

        when = new WhenSpec(null, date, time, tomorrow, zone, "at " + string.Join(' ', words.Take(used)));
        return used;
    }

    private static LocalTime? ReadTime(string word) =>
        TimePatterns.Select(p => p.Parse(word)).FirstOrDefault(r => r.Success)?.Value;
}

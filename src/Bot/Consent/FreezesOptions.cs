using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Plans;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>Freezes that come back by the calendar (weekends, holidays). Section <c>Freezes</c>, list <c>Calendar</c>.</summary>
public sealed class FreezesOptions : ConsentSection
{
    public const string Section = "Freezes";

    public List<CalendarFreezeOptions> Calendar { get; set; } = [];
}

/// <summary>
/// One calendar freeze: it starts at every occurrence of <c>Cron</c> (five fields, wall-clock time in <c>TimeZone</c>)
/// and lasts <c>Duration</c> (<c>62h</c>, <c>3d</c> or <c>2.14:00:00</c>); <c>Apps</c> empty or <c>*</c>: every app.
/// </summary>
public sealed class CalendarFreezeOptions
{
    public string Name { get; set; } = string.Empty;

    public string Cron { get; set; } = string.Empty;

    public string? Duration { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public List<string> Apps { get; set; } = [];

    public string Reason { get; set; } = string.Empty;

    /// <summary>The freeze, and what keeps <see cref="Duration"/> from being read (null when it reads).</summary>
    internal (CalendarFreeze Freeze, string? DurationProblem) ToFreeze()
    {
        var read = PlanStepText.TryParseBake(Duration, out var duration);
        var freeze = new CalendarFreeze(Name.Trim(), Cron.Trim(), duration, TimeZone.Trim(), ConsentSection.Clean(Apps), Reason.Trim());
        return (freeze, read ? null : $"Duration '{Duration}' is not a duration (write 62h, 3d or 2.14:00:00)");
    }
}

internal sealed class FreezesOptionsValidator : IValidateOptions<FreezesOptions>
{
    public ValidateOptionsResult Validate(string? name, FreezesOptions options)
    {
        var errors = new List<string>(options.BindProblems);
        for (var i = 0; i < options.Calendar.Count; i++)
        {
            var (freeze, durationProblem) = options.Calendar[i].ToFreeze();
            var at = $"{FreezesOptions.Section}:Calendar:{i}" + (freeze.Name.Length > 0 ? $" '{freeze.Name}'" : "");
            if ((durationProblem ?? freeze.Problem()) is { } problem)
            {
                errors.Add($"{at}: {problem}.");
            }

            errors.AddRange(options.UnknownApps($"{at}: Apps", freeze.Apps));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

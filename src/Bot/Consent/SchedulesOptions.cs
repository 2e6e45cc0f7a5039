using ChatOpsRelease.Commands.Consent;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>Scheduled promotions. Section <c>Schedules</c>.</summary>
public sealed class SchedulesOptions : ConsentSection
{
    public const string Section = "Schedules";

    /// <summary>How long before a scheduled promotion its notice (with Veto and Postpone) is posted; zero: no notice ahead.</summary>
    public TimeSpan NoticeBefore { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The time zone of a schedule that names none: an IANA id such as <c>Europe/Berlin</c>, or <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";
}

internal sealed class SchedulesOptionsValidator : IValidateOptions<SchedulesOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulesOptions options)
    {
        var errors = new List<string>(options.BindProblems);
        if (options.NoticeBefore < TimeSpan.Zero || options.NoticeBefore > TimeSpan.FromDays(1))
        {
            errors.Add($"Schedules:NoticeBefore is {options.NoticeBefore}; it must be between 0 and 1 day.");
        }

        if (TimeZones.Find(options.TimeZone) is null)
        {
            errors.Add($"Schedules:TimeZone '{options.TimeZone}' is not a time zone I know (use an IANA id such as Europe/Berlin, or UTC).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

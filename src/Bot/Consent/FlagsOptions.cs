using ChatOpsRelease.Commands.Flags;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>How feature flag changes are consented to. Section <c>Flags</c>.</summary>
public sealed class FlagsOptions : ConsentSection
{
    public const string Section = "Flags";

    /// <summary>
    /// Per environment, whether a flag change there needs an approval request (decided under the environment's
    /// <c>Approvals</c> rules). <c>production</c> does unless configured otherwise.
    /// </summary>
    /// <remarks>Kept as text so that a value other than true or false is reported at start rather than skipped.</remarks>
    public Dictionary<string, string?> Approval { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["production"] = "true" };

    /// <summary>Whether turning a flag off needs that approval too; by default not, so the kill switch works at once.</summary>
    public bool OffNeedsApproval { get; set; }

    internal FlagSettings ToSettings() => new()
    {
        ApprovalEnvironments = Approval.Where(e => bool.TryParse(e.Value, out var on) && on).Select(e => e.Key.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
        OffNeedsApproval = OffNeedsApproval,
    };
}

internal sealed class FlagsOptionsValidator : IValidateOptions<FlagsOptions>
{
    public ValidateOptionsResult Validate(string? name, FlagsOptions options)
    {
        var errors = new List<string>(options.BindProblems);
        errors.AddRange(options.Approval.Keys.Where(string.IsNullOrWhiteSpace).Select(_ => "Flags:Approval has an environment with no name."));
        errors.AddRange(options.Approval.Where(e => !bool.TryParse(e.Value, out _))
            .Select(e => $"Flags:Approval:{e.Key} is '{e.Value}'; it must be true or false."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using ChatOpsRelease.Commands.Consent;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>
/// How approvals work. Section <c>Approvals</c>: the rules of every environment, and under <c>Environments</c> the
/// fields an environment sets otherwise (the rest it takes from here). <c>production</c> has the two-person rule
/// unless <c>Approvals:Environments:production:TwoPersonRule</c> says otherwise.
/// </summary>
public sealed class ApprovalsOptions : ConsentSection
{
    public const string Section = "Approvals";

    /// <summary>The environment that has the two-person rule unless configured otherwise.</summary>
    public const string Production = "production";

    /// <summary>How long an approval request waits for its decision.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many distinct approvers a step needs.</summary>
    public int Quorum { get; set; } = 1;

    /// <summary>The person who asked for a step may not approve it.</summary>
    public bool TwoPersonRule { get; set; }

    public Dictionary<string, EnvironmentApprovalOptions> Environments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    internal ApprovalRules Default => new(TwoPersonRule, Quorum, Expiry);

    /// <summary>The rules of each environment named here, and of <c>production</c> whether named or not.</summary>
    internal Dictionary<string, ApprovalRules> EnvironmentRules()
    {
        var rules = new Dictionary<string, ApprovalRules>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, environment) in Environments.Append(new(Production, new EnvironmentApprovalOptions())))
        {
            rules.TryAdd(name.Trim(), new(
                environment.TwoPersonRule ?? (TwoPersonRule || string.Equals(name.Trim(), Production, StringComparison.OrdinalIgnoreCase)),
                environment.Quorum ?? Quorum,
                environment.Expiry ?? Expiry));
        }

        return rules;
    }
}

/// <summary>One environment's approval rules; a field left out is taken from the <c>Approvals</c> section.</summary>
public sealed class EnvironmentApprovalOptions
{
    public bool? TwoPersonRule { get; set; }

    public int? Quorum { get; set; }

    public TimeSpan? Expiry { get; set; }
}

internal sealed class ApprovalsOptionsValidator : IValidateOptions<ApprovalsOptions>
{
    private static readonly TimeSpan ShortestExpiry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestExpiry = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, ApprovalsOptions options)
    {
        var errors = new List<string>(options.BindProblems);
        errors.AddRange(Problems(ApprovalsOptions.Section, options.Quorum, options.Expiry));
        foreach (var (environment, rules) in options.Environments)
        {
            errors.AddRange(Problems($"{ApprovalsOptions.Section}:Environments:{environment}", rules.Quorum, rules.Expiry));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> Problems(string at, int? quorum, TimeSpan? expiry)
    {
        if (quorum is < 1 or > 10)
        {
            yield return $"{at}:Quorum is {quorum}; it must be between 1 and 10 approvers.";
        }

        if (expiry < ShortestExpiry || expiry > LongestExpiry)
        {
            yield return $"{at}:Expiry is {expiry}; it must be between 1 minute and 7 days.";
        }
    }
}

namespace ChatOpsRelease.Commands.Consent;

/// <summary>How an environment's approvals work.</summary>
/// <param name="TwoPersonRule">The person who asked for a step may not approve it.</param>
/// <param name="Quorum">How many distinct approvers a step needs.</param>
/// <param name="Expiry">How long an approval request waits for its decision.</param>
public sealed record ApprovalRules(bool TwoPersonRule, int Quorum, TimeSpan Expiry);

/// <summary>The settings of approvals, scheduled promotions and freezes, validated at start-up.</summary>
public sealed class ConsentSettings
{
    /// <summary>The rules of environments not named in <see cref="Environments"/>.</summary>
    public ApprovalRules Default { get; init; } = new(false, 1, TimeSpan.FromHours(2));

    /// <summary>Per environment; <c>production</c> has the two-person rule unless configured otherwise.</summary>
    public IReadOnlyDictionary<string, ApprovalRules> Environments { get; init; } =
        new Dictionary<string, ApprovalRules>(StringComparer.OrdinalIgnoreCase) { ["production"] = new(true, 1, TimeSpan.FromHours(2)) };

    /// <summary>How long before a scheduled promotion its notice is posted.</summary>
    public TimeSpan NoticeBefore { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The time zone of a schedule that names none (an IANA id, e.g. <c>Europe/Berlin</c>).</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Freezes from configuration: weekends, holidays.</summary>
    public IReadOnlyList<CalendarFreeze> Calendar { get; init; } = [];

    public ApprovalRules RulesFor(string environment) =>
        Environments.TryGetValue(environment, out var rules) ? rules : Default;
}

using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>An app's blue-green settings (<c>Apps:&lt;app&gt;:BlueGreen</c>); unset ones keep their defaults.</summary>
public sealed class BlueGreenOptions
{
    /// <summary>How long the old colour stays up after the switch (1 second to 7 days).</summary>
    public TimeSpan KeepOld { get; set; } = BlueGreenSettings.Default.KeepOld;

    /// <summary>The old colour's pods after the switch; empty keeps them all (a switch back then starts no pod).</summary>
    public int? OldReplicas { get; set; }

    /// <summary>Whether <c>switch</c> needs an approval request decided first.</summary>
    public bool SwitchApproval { get; set; }

    /// <summary>The header (<c>Name=value</c>) that sends testers to the preview on the nginx and gateway routers.</summary>
    public string PreviewHeader { get; set; } = $"{BlueGreenSettings.Default.PreviewRule.Name}={BlueGreenSettings.Default.PreviewRule.Value}";

    internal BlueGreenSettings ToSettings() =>
        new(KeepOld, OldReplicas, SwitchApproval, Header() ?? BlueGreenSettings.Default.PreviewRule);

    internal IEnumerable<string> Problems(string at)
    {
        if (KeepOld < TimeSpan.FromSeconds(1) || KeepOld > TimeSpan.FromDays(7))
        {
            yield return $"{at}:KeepOld must be between 1 second and 7 days (30 minutes by default).";
        }

        if (OldReplicas < 0)
        {
            yield return $"{at}:OldReplicas must be 0 or more (empty keeps every pod of the old colour).";
        }

        if (Header() is null)
        {
            yield return $"{at}:PreviewHeader '{PreviewHeader}' must be Name=value (e.g. X-Preview=true), a header name and an exact value.";
        }
    }

    private RouteRule? Header()
    {
        var parts = (PreviewHeader ?? string.Empty).Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        var rule = new RouteRule { Kind = RouteRuleKind.Header, Name = parts[0], Value = parts[1] };
        return RouteRule.HeaderProblem(rule.Name, rule.Value!) is null ? rule : null;
    }
}

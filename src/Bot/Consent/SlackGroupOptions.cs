using ChatOpsRelease.Bot.Chat.Slack;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>How Slack user groups are read for access grants. Read from the Slack section, <c>Chat:Slack</c>.</summary>
public sealed class SlackGroupOptions
{
    public const string Section = SlackOptions.Section;

    /// <summary>How long a group's members are remembered before Slack is asked again; zero: ask every time.</summary>
    public TimeSpan GroupCacheTime { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class SlackGroupOptionsValidator : IValidateOptions<SlackGroupOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackGroupOptions options) =>
        options.GroupCacheTime < TimeSpan.Zero || options.GroupCacheTime > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{SlackGroupOptions.Section}:GroupCacheTime is {options.GroupCacheTime}; it must be between 0 and 1 day.")
            : ValidateOptionsResult.Success;
}

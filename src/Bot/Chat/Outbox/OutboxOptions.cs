using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>How replies to Slack and Teams are delivered. Section <c>Chat:Outbox</c>.</summary>
internal sealed class OutboxOptions
{
    public const string Section = "Chat:Outbox";

    /// <summary>How often the outbox is looked at when nothing new was added.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The wait before the first retry; each further retry waits twice as long, up to <see cref="LongestWait"/>.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan LongestWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many attempts a reply gets before it is given up (logged as an error).</summary>
    public int MaxAttempts { get; set; } = 20;
}

internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{OutboxOptions.Section}:PollInterval must be more than zero and at most a minute.");
        }

        if (options.FirstRetry <= TimeSpan.Zero || options.LongestWait < options.FirstRetry || options.LongestWait > TimeSpan.FromHours(1))
        {
            problems.Add($"{OutboxOptions.Section}: FirstRetry must be positive and LongestWait between it and an hour.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            problems.Add($"{OutboxOptions.Section}:MaxAttempts must be 1 to 100.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

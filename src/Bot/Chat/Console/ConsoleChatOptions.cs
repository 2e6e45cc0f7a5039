using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Console;

/// <summary>The terminal chat. Section <c>Chat:Console</c>.</summary>
public sealed class ConsoleChatOptions
{
    public const string Section = "Chat:Console";

    /// <summary>Read commands from standard input. Turn off where there is no terminal (e.g. in a cluster).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Shown before each command when a person types (not when input is piped).</summary>
    public string Prompt { get; set; } = "release> ";

    /// <summary>Stop the bot once standard input has ended and queued jobs are done.</summary>
    public bool ExitWhenInputEnds { get; set; } = true;

    /// <summary>With piped input, how long to wait for one command's jobs before reading the next line.</summary>
    public TimeSpan WaitForJobs { get; set; } = TimeSpan.FromMinutes(10);
}

internal sealed class ConsoleChatOptionsValidator : IValidateOptions<ConsoleChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleChatOptions options) =>
        options.WaitForJobs <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail("Chat:Console:WaitForJobs must be positive.")
            : ValidateOptionsResult.Success;
}

using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Slack. Section <c>Chat:Slack</c>. Slack is on when a bot token is set; HTTP endpoints need the signing
/// secret, Socket Mode needs an app-level token. Secrets come from environment variables or secret files and
/// are never logged.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Chat:Slack";

    /// <summary>Verifies that HTTP requests come from Slack (HMAC-SHA256). Needed for the HTTP endpoints.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) the Web API calls are made with.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>); when set, the bot also connects in Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>The Web API's base address; tests and proxies point it elsewhere.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>The slash command the app defines.</summary>
    public string CommandName { get; set; } = "/release";

    /// <summary>The least time between two messages posted to one channel (Slack allows about one a second).</summary>
    public TimeSpan PostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a rate-limited call (HTTP 429) is retried after its <c>Retry-After</c>.</summary>
    public int RateLimitRetries { get; set; } = 3;

    /// <summary>Timeout of one Web API request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait before opening a new Socket Mode connection after one failed.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool Enabled => Has(BotToken) || Has(SigningSecret) || Has(AppToken);

    public bool HttpEnabled => Has(SigningSecret);

    public bool SocketModeEnabled => Has(AppToken);

    internal static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);
}

internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!SlackOptions.Has(options.BotToken))
        {
            errors.Add("Chat:Slack is half configured: BotToken is missing (the bot's xoxb- token; set Chat__Slack__BotToken or a secret file).");
        }
        else if (!options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Chat:Slack:BotToken does not look like a bot token (it should start with xoxb-).");
        }

        if (!options.HttpEnabled && !options.SocketModeEnabled)
        {
            errors.Add("Chat:Slack is half configured: set SigningSecret (HTTP endpoints) or AppToken (Socket Mode), or both.");
        }

        if (options.SocketModeEnabled && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add("Chat:Slack:AppToken does not look like an app-level token (it should start with xapp-).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            errors.Add($"Chat:Slack:ApiBaseUrl '{options.ApiBaseUrl}' is not an http(s) address.");
        }

        if (!options.CommandName.StartsWith('/') || options.CommandName.Length < 2)
        {
            errors.Add($"Chat:Slack:CommandName '{options.CommandName}' must start with '/'.");
        }

        if (options.PostInterval < TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero || options.ReconnectDelay < TimeSpan.Zero || options.RateLimitRetries is < 0 or > 10)
        {
            errors.Add("Chat:Slack: PostInterval and ReconnectDelay must not be negative, RequestTimeout must be positive, RateLimitRetries 0–10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

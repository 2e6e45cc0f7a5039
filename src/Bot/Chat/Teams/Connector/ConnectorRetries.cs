using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// The retry pipeline of connector calls: answers 429, 412, 502 and 504 are tried again, at most
/// <see cref="TeamsOptions.Retries"/> times, after the answer's <c>Retry-After</c> when it has one and otherwise
/// after an exponential backoff with jitter. Network failures and other answers are not retried (a send that may
/// have arrived is not sent twice). Waits run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ConnectorRetries
{
    /// <summary>The median first backoff; later ones grow exponentially.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff (a <c>Retry-After</c> is honoured as given).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The call being retried, for the log lines.</summary>
    public static readonly ResiliencePropertyKey<ConnectorCall> CallKey = new("ChatOpsRelease.Teams.ConnectorCall");

    public ConnectorRetries(IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsConnector> logger)
    {
        Retries = Math.Max(0, options.Value.Retries);
        if (Retries == 0)
        {
            Pipeline = ResiliencePipeline<ConnectorAnswer>.Empty;
            return;
        }

        var retries = Retries;
        Pipeline = new ResiliencePipelineBuilder<ConnectorAnswer> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ConnectorAnswer>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                MaxDelay = MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsRetryable: true }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call) && args.Outcome.Result is { } answer)
                    {
                        LogRetrying(logger, call.Operation, call.ConversationId, answer.Status, args.RetryDelay, args.AttemptNumber + 1, retries);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>How many times a retryable answer is tried again.</summary>
    public int Retries { get; }

    public ResiliencePipeline<ConnectorAnswer> Pipeline { get; }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams answered {Operation} in conversation {Conversation} with HTTP {Status}; waiting {Wait} before retry {Retry} of {Retries}")]
    private static partial void LogRetrying(ILogger logger, string operation, string conversation, int status, TimeSpan wait, int retry, int retries);
}

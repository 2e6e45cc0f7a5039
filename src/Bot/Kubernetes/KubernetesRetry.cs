using ChatOpsRelease.Commands.Ports;
using k8s.Autorest;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Every call the bot makes to the Kubernetes API, repeated where that is safe. A failure on the way (HTTP 5xx, 429,
/// no answer in time, the connection refused or cut) is tried again after an exponential, jittered wait, up to
/// <see cref="KubernetesOptions.Retries"/> times — but only for calls whose repetition cannot do harm: reads; a
/// read-modify-replace, which starts again from a fresh read (and on 409 Conflict too, up to
/// <see cref="KubernetesOptions.ConflictRetries"/>); a create, which first reads whether the failed attempt made the
/// object after all; a delete, where a 404 means gone. What still fails becomes a <see cref="ClusterException"/>.
/// </summary>
internal sealed partial class KubernetesRetry
{
    private static readonly ResiliencePropertyKey<string> Doing = new("chatopsrelease.doing");

    private readonly ResiliencePipeline _transient;
    private readonly ResiliencePipeline _replace;
    private readonly ILogger<KubernetesRetry> _logger;

    public KubernetesRetry(IOptions<KubernetesOptions> options, TimeProvider time, ILogger<KubernetesRetry> logger)
    {
        var settings = options.Value;
        _logger = logger;
        _transient = WithRetry(new ResiliencePipelineBuilder { TimeProvider = time }, settings, settings.Retries, KubernetesErrors.IsTransient).Build();
        var conflicts = WithRetry(new ResiliencePipelineBuilder { TimeProvider = time }, settings, settings.ConflictRetries, (ex, _) => KubernetesErrors.IsConflict(ex));
        _replace = WithRetry(conflicts, settings, settings.Retries, KubernetesErrors.IsTransient).Build();
    }

    /// <summary>A read (or a wait's look), repeated on failures on the way.</summary>
    public Task<T> ReadAsync<T>(string doing, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        RunAsync(_transient, doing, read, cancellationToken);

    /// <summary>A read-modify-replace carrying the resourceVersion it read: each attempt reads the latest object again.</summary>
    public Task<T> ReplaceAsync<T>(string doing, Func<CancellationToken, Task<T>> readModifyReplace, CancellationToken cancellationToken) =>
        RunAsync(_replace, doing, readModifyReplace, cancellationToken);

    /// <summary>
    /// A create. After an attempt whose outcome is unknown the next one reads first: an object that is there now (or an
    /// AlreadyExists answer) means the earlier attempt made it, and it is returned instead of created twice.
    /// </summary>
    public Task<T> CreateAsync<T>(string doing, Func<CancellationToken, Task<T?>> read, Func<CancellationToken, Task<T>> create, CancellationToken cancellationToken)
        where T : class
    {
        var retried = false;
        return RunAsync(_transient, doing, async ct =>
        {
            if (retried && await read(ct).ConfigureAwait(false) is { } made)
            {
                return made;
            }

            var again = retried;
            retried = true;
            try
            {
                return await create(ct).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (again && KubernetesErrors.IsConflict(ex))
            {
                // AlreadyExists: made by an attempt whose answer was lost (or by someone else just now).
                if (await read(ct).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                throw;
            }
        }, cancellationToken);
    }

    /// <summary>A delete: a 404 means the object is gone (perhaps by an earlier attempt), which is what was wanted.</summary>
    public Task DeleteAsync(string doing, Func<CancellationToken, Task> delete, CancellationToken cancellationToken) =>
        RunAsync(_transient, doing, async ct =>
        {
            try
            {
                await delete(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
            {
                // Gone already.
            }

            return true;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(ResiliencePipeline pipeline, string doing, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Doing, doing);
        var attempts = 0;
        try
        {
            return await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    attempts++;
                    return await state(ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ClusterException && KubernetesErrors.Sentence(doing, ex, attempts, cancellationToken) is { } sentence)
        {
            LogGaveUp(_logger, doing, attempts, ex);
            throw new ClusterException(sentence, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Adds a retry of the failures <paramref name="handles"/> picks, unless <paramref name="retries"/> is 0.</summary>
    private ResiliencePipelineBuilder WithRetry(
        ResiliencePipelineBuilder builder, KubernetesOptions settings, int retries, Func<Exception, CancellationToken, bool> handles) =>
        retries == 0
            ? builder
            : builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && handles(ex, args.Context.CancellationToken)),
                MaxRetryAttempts = retries,
                Delay = settings.RetryDelay,
                MaxDelay = settings.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = OnRetry,
            });

    private ValueTask OnRetry(OnRetryArguments<object> args)
    {
        var doing = args.Context.Properties.GetValue(Doing, "call the Kubernetes API");
        var reason = args.Outcome.Exception is { } ex ? KubernetesErrors.Sentence(doing, ex, 1, args.Context.CancellationToken) ?? ex.GetType().Name : "no answer";
        LogRetrying(_logger, args.AttemptNumber + 1, doing, args.RetryDelay, reason);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retry {Attempt} to {Doing} in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string doing, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up trying to {Doing} after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string doing, int attempts, Exception exception);
}

using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Retries a read-modify-replace when the object changed underneath it (HTTP 409 Conflict): the next attempt reads
/// the latest version and applies the same change to it. At most <see cref="KubernetesOptions.ConflictRetries"/> times.
/// </summary>
internal sealed class ConflictRetry
{
    private readonly ResiliencePipeline _pipeline;

    public ConflictRetry(IOptions<KubernetesOptions> options, TimeProvider time)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(KubernetesErrors.IsConflict),
                MaxRetryAttempts = Math.Max(1, options.Value.ConflictRetries),
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(attempt, cancellationToken);
}

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// Lets a test wait, for a bounded time, until something observed by a fake holds: the fake calls
/// <see cref="Notify"/> after each change and waiters check their condition again.
/// </summary>
internal sealed class ChangeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        current.TrySetResult();
    }

    /// <summary>The first non-null value of <paramref name="probe"/>; a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _next.Task;
            }

            if (probe() is { } value)
            {
                return value;
            }

            var left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.###} s for {what}.");
            }

            try
            {
                await changed.WaitAsync(left, time);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then reported.
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitForAsync(() => condition() ? this : null, timeout, what);
}

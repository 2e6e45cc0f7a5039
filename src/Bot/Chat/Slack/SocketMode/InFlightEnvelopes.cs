namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>
/// Counts the envelopes a connection is handling, so that closing can first stop taking new ones and then wait
/// until those in hand are acknowledged.
/// </summary>
internal sealed class InFlightEnvelopes
{
    private readonly Lock _gate = new();
    private int _count;
    private bool _stopped;
    private TaskCompletionSource? _drained;

    /// <summary>Takes an envelope unless the connection is closing.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _count++;
            return true;
        }
    }

    public void Done()
    {
        lock (_gate)
        {
            _count--;
            if (_count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>Takes no more envelopes; completes when the last one in hand is done.</summary>
    public Task StopTakingAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            if (_count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }
}

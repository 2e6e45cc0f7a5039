using System.Threading.Channels;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Store;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>
/// The background loop standing in for the deployment controller and kubelet. It runs a
/// <see cref="Reconciler"/> pass after every Deployment/Pod change and on a clock tick (driven by the
/// <see cref="TimeProvider"/>, sooner when a pod is due to become ready), until disposed.
/// </summary>
internal sealed class DeploymentSimulator : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Reconciler _reconciler;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public DeploymentSimulator(ObjectStore store, TimeProvider time, TimeSpan podReadyDelay, ILogger logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _reconciler = new Reconciler(store, time, podReadyDelay, logger);
    }

    public void Start()
    {
        _store.Committed += OnCommitted;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        _store.Committed -= OnCommitted;
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private void OnCommitted(StoreEvent e)
    {
        if (e.Resource == ResourceTypes.Deployment || e.Resource == ResourceTypes.Pod)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wait = Tick;
            try
            {
                if (_reconciler.RunOnce() is { } due && due < wait)
                {
                    wait = due < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : due;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SimulatorFailed(_logger, e);
            }

            await WaitAsync(wait, stop);
        }
    }

    /// <summary>Waits for a change signal or until <paramref name="wait"/> has passed on the sandbox clock.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(linked.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The tick elapsed.
        }
    }
}

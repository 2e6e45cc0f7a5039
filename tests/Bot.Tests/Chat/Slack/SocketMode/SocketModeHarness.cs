using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Slack.SocketMode;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.SocketMode;

/// <summary>The real Socket Mode service wired to the loopback server, a counting Web API fake and a recording inbound side.</summary>
internal sealed class SocketModeHarness : IAsyncDisposable
{
    /// <summary>How soon an acknowledgement must come: well under Slack's three seconds.</summary>
    public static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    private SocketModeHarness(FakeSlackSocket slack, TimeProvider time, TimeSpan reconnectDelay)
    {
        Slack = slack;
        Api = new FakeSlackApi(slack);
        Service = new SlackSocketModeService(
            Api,
            Inbound,
            Options.Create(new SlackOptions { ReconnectDelay = reconnectDelay }),
            Options.Create(new SlackSocketModeOptions { CloseTimeout = TimeSpan.FromSeconds(3), HelloTimeout = TimeSpan.FromSeconds(5) }),
            time,
            Logger);
    }

    public FakeSlackSocket Slack { get; }

    public FakeSlackApi Api { get; }

    public RecordingInbound Inbound { get; } = new();

    public RecordingLogger<SlackSocketModeService> Logger { get; } = new();

    public SlackSocketModeService Service { get; }

    /// <summary>Starts the server and the service (call <see cref="StartServiceAsync"/> later when <paramref name="start"/> is false).</summary>
    public static async Task<SocketModeHarness> StartAsync(TimeSpan? reconnectDelay = null, TimeProvider? time = null, bool start = true)
    {
        var slack = await FakeSlackSocket.StartAsync();
        var harness = new SocketModeHarness(slack, time ?? TimeProvider.System, reconnectDelay ?? TimeSpan.FromMilliseconds(100));
        if (start)
        {
            await harness.StartServiceAsync();
        }

        return harness;
    }

    public Task StartServiceAsync() => Service.StartAsync(CancellationToken.None);

    /// <summary>Stops the service, bounded.</summary>
    public Task StopServiceAsync() => Service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

    /// <summary>Waits until the Web API was asked for <paramref name="count"/> connection addresses.</summary>
    public Task WaitForOpenCallsAsync(int count) =>
        Slack.Changes.WaitUntilAsync(() => Api.OpenCalls >= count, FakeSlackSocket.DefaultWait, $"{count} apps.connections.open call(s)");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServiceAsync();
        }
        finally
        {
            Service.Dispose();
            await Slack.DisposeAsync();
        }
    }
}

using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.Api;

/// <summary>The real <see cref="ISlackApi"/> as the host wires it (<c>AddSlackWebApi</c>), talking to a <see cref="FakeSlack"/>, with every log line captured.</summary>
internal sealed class SlackApiHarness : IAsyncDisposable
{
    public const string BotToken = "xoxb-1234-5678-botsecretvalue";

    public const string AppToken = "xapp-1-A111-222-appsecretvalue";

    private readonly ServiceProvider _services;

    private SlackApiHarness(FakeSlack slack, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Slack = slack;
        _services = services;
        Logs = logs;
        Api = services.GetRequiredService<ISlackApi>();
    }

    public FakeSlack Slack { get; }

    public ISlackApi Api { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Starts a fake Slack and the client; posts are not paced unless <paramref name="configure"/> sets an interval.</summary>
    public static async Task<SlackApiHarness> StartAsync(Action<SlackOptions>? configure = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var slack = await FakeSlack.StartAsync(time);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(time);
        services.Configure<SlackOptions>(options =>
        {
            options.BotToken = BotToken;
            options.AppToken = AppToken;
            options.ApiBaseUrl = slack.ApiBaseUrl.ToString();
            options.PostInterval = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        services.AddSlackWebApi();
        return new SlackApiHarness(slack, services.BuildServiceProvider(), logs);
    }

    /// <summary>Moves the fake clock on by <paramref name="step"/> at a time until <paramref name="task"/> ends (for at most ten real seconds).</summary>
    public static async Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, TimeSpan step)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted && watch.Elapsed < FakeSlack.DefaultWait)
        {
            time.Advance(step);
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(10)));
        }

        Assert.True(task.IsCompleted, $"The call did not finish within {FakeSlack.DefaultWait} while the clock moved on by {step} at a time.");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

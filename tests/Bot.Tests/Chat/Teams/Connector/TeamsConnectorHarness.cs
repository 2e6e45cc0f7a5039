using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

/// <summary>
/// The real connector client and token provider as the host wires them (<c>AddTeamsConnector</c>), talking to a
/// <see cref="FakeTeamsConnector"/> that is both the service URL and the token endpoint, with every log line captured.
/// </summary>
internal sealed class TeamsConnectorHarness : IAsyncDisposable
{
    public const string AppId = "5f1c3b2a-0d4e-4c7b-9a61-2b8e7d9c4f10";

    public const string AppPassword = "Qx8~teams.app.password-secretvalue";

    /// <summary>A Teams channel conversation id: every character the path needs escaped.</summary>
    public const string ChannelConversation = "19:abc@thread.tacv2;messageid=1";

    private readonly ServiceProvider _services;

    private TeamsConnectorHarness(FakeTeamsConnector teams, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Teams = teams;
        _services = services;
        Logs = logs;
    }

    public FakeTeamsConnector Teams { get; }

    public CapturingLoggerProvider Logs { get; }

    public ITeamsConnector Connector => _services.GetRequiredService<ITeamsConnector>();

    public IConnectorTokens Tokens => _services.GetRequiredService<IConnectorTokens>();

    public ITrustedServiceUrls Trusted => _services.GetRequiredService<ITrustedServiceUrls>();

    /// <summary>The fake's service URL, trusted unless the harness was started with <c>trust: false</c>.</summary>
    public string ServiceUrl => Teams.ServiceUrl.ToString();

    /// <summary>
    /// Starts a fake Teams and the client, with the app id and password set, the fake checking the password, and
    /// sends not paced unless <paramref name="configure"/> sets an interval.
    /// </summary>
    public static async Task<TeamsConnectorHarness> StartAsync(Action<TeamsOptions>? configure = null, TimeProvider? time = null, bool trust = true)
    {
        time ??= TimeProvider.System;
        var teams = await FakeTeamsConnector.StartAsync(time);
        teams.ClientSecret = AppPassword;
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(time);
        services.Configure<TeamsOptions>(options =>
        {
            options.AppId = AppId;
            options.AppPassword = AppPassword;
            options.SendInterval = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        services.AddTeamsConnector();
        services.RouteTeamsTokensTo(teams);
        var harness = new TeamsConnectorHarness(teams, services.BuildServiceProvider(), logs);
        if (trust)
        {
            harness.Trusted.Trust(harness.ServiceUrl);
        }

        return harness;
    }

    public static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text };

    /// <summary>Moves the fake clock on by <paramref name="step"/> at a time until <paramref name="task"/> ends (for at most ten real seconds).</summary>
    public static async Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, TimeSpan step)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted && watch.Elapsed < FakeTeamsConnector.DefaultWait)
        {
            time.Advance(step);
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(10)));
        }

        Assert.True(task.IsCompleted, $"The call did not finish within {FakeTeamsConnector.DefaultWait} while the clock moved on by {step} at a time.");
    }

    /// <summary>The first log line starting with <paramref name="start"/>, written already or awaited (for at most ten seconds).</summary>
    public async Task<CapturedLog> WaitForLogAsync(string start)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < FakeTeamsConnector.DefaultWait)
        {
            if (Logs.Entries.FirstOrDefault(entry => entry.Message.StartsWith(start, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        throw new TimeoutException($"No log line starting with '{start}' within {FakeTeamsConnector.DefaultWait}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Teams.DisposeAsync();
    }
}

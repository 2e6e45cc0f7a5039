using ChatOpsRelease.Bot.Chat.Slack.SocketMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.SocketMode;

public sealed class SlackSocketModeSetupTests
{
    [Fact]
    public void AddSlackSocketMode_RegistersTheServiceAndBindsItsOptions()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Chat:Slack:SocketMode:CloseTimeout"] = "00:00:07" })
            .Build());

        services.AddSlackSocketMode();

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SlackSocketModeService));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<SlackSocketModeOptions>>().Value.CloseTimeout);
    }

    [Fact]
    public void Options_WithANonPositiveTimeout_AreRefused()
    {
        var result = new SlackSocketModeOptionsValidator().Validate(null, new SlackSocketModeOptions { CloseTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("CloseTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_WaitsTheReconnectDelayFirst_ThenDoublesUpToTheMaximum_AndStartsOverAfterASuccess()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

        var waits = Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalSeconds).ToList();
        backoff.Reset();

        Assert.Equal([2, 4, 8, 10, 10], waits);
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next());
    }

    [Fact]
    public void Backoff_WithNoDelay_StillWaitsWhenFailuresRepeat()
    {
        var backoff = new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, backoff.Next());
        Assert.True(backoff.Next() > TimeSpan.Zero);
    }
}

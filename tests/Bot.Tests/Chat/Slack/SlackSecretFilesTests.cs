using System.Net;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

public sealed class SlackSecretFilesTests
{
    [Fact]
    public async Task SecretsFromFiles_TurnSlackOn_AndAreUsedButNeverLogged()
    {
        var secrets = Directory.CreateTempSubdirectory("chatops-secrets-").FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "Chat__Slack__SigningSecret"), SlackBotHost.Secret);
        await File.WriteAllTextAsync(Path.Combine(secrets, "Chat__Slack__BotToken"), "xoxb-from-a-file\n");
        var logs = new CapturingLoggerProvider();
        await using var host = await SlackBotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:Slack:SigningSecret"] = null,
            ["Chat:Slack:BotToken"] = null,
            ["SecretsDirectory"] = secrets,
            ["Logging:LogLevel:Default"] = "Trace",
        }, loggers: logs);

        using var ack = await host.CommandAsync("help");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answer = await host.Slack.WaitForCallAsync("chat.postEphemeral");
        Assert.Equal("xoxb-from-a-file", answer.BearerToken);
        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.AllText.Contains("xoxb-from-a-file", StringComparison.Ordinal) || e.AllText.Contains(SlackBotHost.Secret, StringComparison.Ordinal));
        Directory.Delete(secrets, recursive: true);
    }
}

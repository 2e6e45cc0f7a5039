using System.Text.Json;
using ChatOpsRelease.Bot.Observability;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Observability;

public sealed class LogFormatTests
{
    [Theory]
    [InlineData(null, true, true)]
    [InlineData("auto", true, true)]
    [InlineData("auto", false, false)]
    [InlineData("", false, false)]
    [InlineData("JSON", false, true)]
    [InlineData("simple", true, false)]
    public void Format_IsJson_WhenAskedOrWhenStandardErrorIsNotATerminal(string? format, bool redirected, bool json) =>
        Assert.Equal(json, LogFormat.IsJson(format, redirected));

    [Fact]
    public void AnUnknownFormat_StopsTheStart_NamingTheSetting()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => LogFormat.IsJson("xml", true));

        Assert.Equal("Logging:Format is 'xml'; use auto (JSON when standard error is not a terminal), json or simple.", Assert.Single(refused.Failures));
    }

    [Fact]
    public async Task ABotWhoseStandardErrorIsAPipe_WritesOneJsonObjectPerLogLine()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-json-logs-").FullName;
        using var bot = BotProcess.Start(new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataDirectory"] = folder,
            ["Sandbox__KubeconfigPath"] = Path.Combine(folder, "sandbox.kubeconfig"),
            ["Logging__LogLevel__ChatOpsRelease"] = "Information",
        });
        for (var i = 0; i < 600 && !bot.Errors.Contains("ClusterConnection", StringComparison.Ordinal); i++)
        {
            Assert.False(bot.HasExited, bot.Describe());
            await Task.Delay(50);
        }

        bot.Kill();
        var lines = bot.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), line);
        }

        Assert.Contains(lines, l => l.Contains("\"Category\":\"ChatOpsRelease.Bot.Kubernetes.ClusterConnection\"", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }
}

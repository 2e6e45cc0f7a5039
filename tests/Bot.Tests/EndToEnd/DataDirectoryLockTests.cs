using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>In embedded mode one data folder belongs to one bot: a second is refused at start, and the folder is free again once the first is gone.</summary>
public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task ASecondBotOnTheSameFolder_IsRefused_UntilTheFirstIsGone()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-lock-").FullName;
        var first = await BotTestHost.CreateAsync(string.Empty, dataDirectory: folder);

        var refused = await Assert.ThrowsAsync<DataDirectoryBusyException>(() => BotTestHost.CreateAsync(string.Empty, dataDirectory: folder));

        Assert.Contains($"Another ChatOpsRelease process (process {Environment.ProcessId} on ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"is using the data folder {folder}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", refused.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await using (await BotTestHost.CreateAsync(string.Empty, dataDirectory: folder))
        {
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ASecondBotProcess_ExitsWithASentence_WhileTheFirstRuns_AndStartsOnceItWasKilled()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-lock-process-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataDirectory"] = folder,
            ["Sandbox__KubeconfigPath"] = Path.Combine(folder, "sandbox.kubeconfig"),
        };
        using var first = BotProcess.Start(environment);
        await WaitForAsync(() => first.Output.Contains("Type `help` for the commands.", StringComparison.Ordinal), first);

        using var second = BotProcess.Start(environment);
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(30)), second.Describe());

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("ChatOpsRelease cannot start:", second.Errors, StringComparison.Ordinal);
        Assert.Contains($"is using the data folder {folder}", second.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Errors, StringComparison.Ordinal);

        first.Kill();
        using var third = BotProcess.Start(environment);
        await WaitForAsync(() => third.Output.Contains("Type `help` for the commands.", StringComparison.Ordinal), third);
        third.Kill();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task WaitForAsync(Func<bool> condition, BotProcess bot)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            Assert.False(bot.HasExited, bot.Describe());
            await Task.Delay(50);
        }

        Assert.True(condition(), bot.Describe());
    }
}

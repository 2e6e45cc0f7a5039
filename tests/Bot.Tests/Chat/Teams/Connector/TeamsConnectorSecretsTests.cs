using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

public sealed class TeamsConnectorSecretsTests
{
    [Fact]
    public async Task NoLogLineOrExceptionMessage_EverContainsThePasswordOrAToken()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.Retries = 1);
        var connector = harness.Connector;
        var url = harness.ServiceUrl;
        var message = TeamsConnectorHarness.Message("hi");
        harness.Teams.TokenExpiresIn = 240;
        harness.Teams.RespondNextToken(400, $$"""{"error":"invalid_request","error_description":"AADSTS90014: secret {{TeamsConnectorHarness.AppPassword}} refused."}""");
        harness.Teams.FailNext(403, "Forbidden", "The bot is not allowed here.");
        harness.Teams.RateLimitNext(retryAfterSeconds: 0);
        harness.Teams.RateLimitNext(retryAfterSeconds: 0);
        harness.Teams.RespondNext(500, "{}");
        var errors = new List<Exception?>();
        foreach (var call in new Func<Task>[]
        {
            () => connector.SendAsync(url, "a:1", message, CancellationToken.None),
            () => connector.SendAsync(url, "a:1", message, CancellationToken.None),
            () => connector.ReplyAsync(url, "a:1", "1", message, CancellationToken.None),
            () => connector.UpdateAsync(url, "a:1", "1", message, CancellationToken.None),
            () => connector.SendAsync(url, "a:1", message, CancellationToken.None),
            () => connector.SendAsync("https://evil.example/", "a:1", message, CancellationToken.None),
        })
        {
            errors.Add(await Record.ExceptionAsync(call));
        }

        await harness.Teams.DisposeAsync();
        errors.Add(await Record.ExceptionAsync(() => connector.SendAsync(url, "a:1", message, CancellationToken.None)));

        Assert.Equal(
            ["invalid_request", "Forbidden", "TooManyRequests", "http_500", null, "untrusted_service_url", "network"],
            errors.Select(error => error is null ? null : Assert.IsType<TeamsConnectorException>(error).Code));
        Assert.True(harness.Teams.IssuedTokens.Count >= 2, "expected several tokens to have been issued and used");
        Assert.Contains(harness.Logs.Entries, entry => entry.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) && entry.Message.Contains("Authorization", StringComparison.Ordinal));
        var written = harness.Logs.Entries.Select(entry => entry.AllText).Concat(errors.OfType<Exception>().Select(error => error.ToString())).ToList();
        foreach (var secret in harness.Teams.IssuedTokens.Append(TeamsConnectorHarness.AppPassword).Append("secretvalue"))
        {
            Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }
}

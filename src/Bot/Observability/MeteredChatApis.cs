using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Chat.Teams.Connector;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>Counts the calls to a chat platform's API that end in an error (after the client's own retries), by operation.</summary>
internal abstract class MeteredChatApi(BotMetrics metrics, string platform)
{
    protected async Task<T> CountAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.ChatError(platform, operation);
            throw;
        }
    }

    protected Task CountAsync(string operation, Func<Task> call) =>
        CountAsync(operation, async () => { await call().ConfigureAwait(false); return true; });
}

internal sealed class MeteredSlackApi(ISlackApi inner, BotMetrics metrics) : MeteredChatApi(metrics, "slack"), ISlackApi, ISlackUserGroups
{
    public Task<SlackPosted> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken) =>
        CountAsync("post_message", () => inner.PostMessageAsync(message, cancellationToken));

    public Task UpdateMessageAsync(string ts, SlackMessage message, CancellationToken cancellationToken) =>
        CountAsync("update_message", () => inner.UpdateMessageAsync(ts, message, cancellationToken));

    public Task PostEphemeralAsync(string user, SlackMessage message, CancellationToken cancellationToken) =>
        CountAsync("post_ephemeral", () => inner.PostEphemeralAsync(user, message, cancellationToken));

    public Task<string> UploadFileAsync(SlackFileUpload upload, CancellationToken cancellationToken) =>
        CountAsync("upload_file", () => inner.UploadFileAsync(upload, cancellationToken));

    public Task RespondAsync(Uri responseUrl, string text, CancellationToken cancellationToken) =>
        CountAsync("respond", () => inner.RespondAsync(responseUrl, text, cancellationToken));

    public Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken) =>
        CountAsync("open_socket", () => inner.OpenSocketConnectionAsync(cancellationToken));

    public Task<IReadOnlyList<string>> UserGroupMembersAsync(string groupId, CancellationToken cancellationToken) =>
        CountAsync("user_group_members", () => (inner as ISlackUserGroups
            ?? throw new InvalidOperationException("The Slack client in use cannot read user groups.")).UserGroupMembersAsync(groupId, cancellationToken));
}

internal sealed class MeteredTeamsConnector(ITeamsConnector inner, BotMetrics metrics) : MeteredChatApi(metrics, "teams"), ITeamsConnector
{
    public Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken) =>
        CountAsync("send", () => inner.SendAsync(serviceUrl, conversationId, activity, cancellationToken));

    public Task<string> ReplyAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken cancellationToken) =>
        CountAsync("reply", () => inner.ReplyAsync(serviceUrl, conversationId, replyToId, activity, cancellationToken));

    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
        CountAsync("update", () => inner.UpdateAsync(serviceUrl, conversationId, activityId, activity, cancellationToken));
}

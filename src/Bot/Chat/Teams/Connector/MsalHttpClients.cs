using Microsoft.Identity.Client;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// Gives MSAL its <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (the client named <see cref="Name"/>):
/// pooled connections, <see cref="TeamsOptions.RequestTimeout"/>, and header values redacted from the HTTP logs.
/// </summary>
internal sealed class MsalHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
{
    /// <summary>The named client MSAL's token requests go through.</summary>
    public const string Name = "ChatOpsRelease.Teams.Tokens";

    public HttpClient GetHttpClient() => clients.CreateClient(Name);
}

using ChatOpsRelease.Bot.Chat.Teams;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>Teams conversation references in LiteDB's <c>teams_conversations</c> collection.</summary>
internal sealed class LiteDbTeamsConversations(LiteDbDatabase db) : ITeamsConversations
{
    private const string Collection = "teams_conversations";

    public Task<TeamsConversation> RememberAsync(TeamsConversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return db.RunInTransactionAsync(d =>
        {
            var documents = d.GetCollection<Document>(Collection);
            var stored = documents.FindById(conversation.Id) ?? new Document { Id = conversation.Id };
            stored.ServiceUrl = conversation.ServiceUrl;
            stored.TenantId = conversation.TenantId ?? stored.TenantId;
            stored.Type = conversation.Type ?? stored.Type;
            stored.BotId = conversation.BotId ?? stored.BotId;
            documents.Upsert(stored);
            return ToConversation(stored);
        }, cancellationToken);
    }

    public Task<TeamsConversation?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.RunAsync(d => d.GetCollection<Document>(Collection).FindById(id) is { } found ? ToConversation(found) : null, cancellationToken);

    public Task<bool> MarkGreetedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.RunInTransactionAsync(d =>
        {
            var documents = d.GetCollection<Document>(Collection);
            if (documents.FindById(id) is not { GreetedAt: null } found)
            {
                return false;
            }

            found.GreetedAt = at.UtcDateTime;
            return documents.Update(found);
        }, cancellationToken);

    private static TeamsConversation ToConversation(Document d) => new(
        d.Id, d.ServiceUrl, d.TenantId, d.Type, d.BotId,
        d.GreetedAt is { } greeted ? new DateTimeOffset(DateTime.SpecifyKind(greeted, DateTimeKind.Utc)) : null);

    internal sealed class Document
    {
        public string Id { get; set; } = string.Empty;

        public string ServiceUrl { get; set; } = string.Empty;

        public string? TenantId { get; set; }

        public string? Type { get; set; }

        public string? BotId { get; set; }

        public DateTime? GreetedAt { get; set; }
    }
}

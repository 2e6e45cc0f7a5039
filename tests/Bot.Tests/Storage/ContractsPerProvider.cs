namespace ChatOpsRelease.Bot.Tests.Storage;

// The contracts, once per provider: LiteDB files in a temporary folder, and a fresh PostgreSQL database.
public sealed class LiteDbReleaseStoreTests : ReleaseStoreContract
{
    private protected override Task<StorageUnderTest> CreateStorageAsync() => Task.FromResult<StorageUnderTest>(new LiteDbUnderTest());
}

public sealed class LiteDbFreezeStoreTests : FreezeStoreContract
{
    private protected override Task<StorageUnderTest> CreateStorageAsync() => Task.FromResult<StorageUnderTest>(new LiteDbUnderTest());
}

public sealed class LiteDbFlagChangeStoreTests : FlagChangeStoreContract
{
    private protected override Task<StorageUnderTest> CreateStorageAsync() => Task.FromResult<StorageUnderTest>(new LiteDbUnderTest());
}

public sealed class LiteDbChatInboxTests : ChatInboxContract
{
    private protected override Task<StorageUnderTest> CreateStorageAsync() => Task.FromResult<StorageUnderTest>(new LiteDbUnderTest());
}

public sealed class LiteDbTeamsConversationsTests : TeamsConversationsContract
{
    private protected override Task<StorageUnderTest> CreateStorageAsync() => Task.FromResult<StorageUnderTest>(new LiteDbUnderTest());
}

public sealed class PostgresReleaseStoreTests : ReleaseStoreContract
{
    private protected override async Task<StorageUnderTest> CreateStorageAsync() => await PostgresUnderTest.CreateAsync();
}

public sealed class PostgresFreezeStoreTests : FreezeStoreContract
{
    private protected override async Task<StorageUnderTest> CreateStorageAsync() => await PostgresUnderTest.CreateAsync();
}

public sealed class PostgresFlagChangeStoreTests : FlagChangeStoreContract
{
    private protected override async Task<StorageUnderTest> CreateStorageAsync() => await PostgresUnderTest.CreateAsync();
}

public sealed class PostgresChatInboxTests : ChatInboxContract
{
    private protected override async Task<StorageUnderTest> CreateStorageAsync() => await PostgresUnderTest.CreateAsync();
}

public sealed class PostgresTeamsConversationsTests : TeamsConversationsContract
{
    private protected override async Task<StorageUnderTest> CreateStorageAsync() => await PostgresUnderTest.CreateAsync();
}

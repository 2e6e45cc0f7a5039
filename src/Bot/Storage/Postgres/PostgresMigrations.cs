namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>One change of the schema; <see cref="Sql"/> names the schema as <c>{schema}</c>.</summary>
internal sealed record PostgresMigration(int Version, string Description, string Sql);

/// <summary>
/// The schema's history, oldest first. Only ever append: a database remembers which versions it has (table
/// <c>schema_migrations</c>) and gets the ones after them, in order, in one transaction.
/// </summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<PostgresMigration> All =
    [
        new(1, "releases, audit, chat inbox, freezes, Teams conversations", """
            CREATE TABLE {schema}.releases (
                id text PRIMARY KEY,
                app text NOT NULL,
                active boolean NOT NULL,
                created_at timestamptz NOT NULL,
                document jsonb NOT NULL);
            CREATE UNIQUE INDEX releases_one_active_per_app ON {schema}.releases (app) WHERE active;
            CREATE INDEX releases_app_created ON {schema}.releases (app, created_at DESC);

            CREATE TABLE {schema}.audit (
                seq bigserial PRIMARY KEY,
                at timestamptz NOT NULL,
                actor text NOT NULL,
                conversation text NOT NULL,
                app text,
                release_id text,
                command text NOT NULL,
                outcome text NOT NULL,
                detail text NOT NULL);
            CREATE INDEX audit_app_seq ON {schema}.audit (app, seq DESC);

            CREATE TABLE {schema}.inbox (
                id text PRIMARY KEY,
                platform text NOT NULL,
                source text NOT NULL,
                request jsonb NOT NULL,
                received_at timestamptz NOT NULL,
                response_url text,
                completed_at timestamptz,
                owner integer);
            CREATE INDEX inbox_pending ON {schema}.inbox (platform, received_at) WHERE completed_at IS NULL;
            CREATE INDEX inbox_completed ON {schema}.inbox (completed_at) WHERE completed_at IS NOT NULL;

            CREATE TABLE {schema}.freezes (
                id text PRIMARY KEY,
                scope text NOT NULL,
                at timestamptz NOT NULL,
                document jsonb NOT NULL);
            CREATE INDEX freezes_scope ON {schema}.freezes (scope);

            CREATE TABLE {schema}.teams_conversations (
                id text PRIMARY KEY,
                service_url text NOT NULL,
                tenant_id text,
                type text,
                bot_id text,
                greeted_at timestamptz);
            """),
        new(2, "chat outbox", """
            CREATE TABLE {schema}.outbox (
                id text PRIMARY KEY,
                seq bigserial NOT NULL,
                conversation text NOT NULL,
                platform text NOT NULL,
                channel text NOT NULL,
                thread text,
                kind text NOT NULL,
                text text NOT NULL,
                image_file text,
                image_png bytea,
                image_alt text,
                image_title text,
                created_at timestamptz NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                lease_until timestamptz,
                finished_at timestamptz,
                last_error text);
            CREATE INDEX outbox_waiting ON {schema}.outbox (conversation, seq) WHERE finished_at IS NULL;
            CREATE INDEX outbox_finished ON {schema}.outbox (finished_at) WHERE finished_at IS NOT NULL;
            """),
        new(3, "flag changes", """
            CREATE TABLE {schema}.flag_changes (
                id text PRIMARY KEY,
                app text NOT NULL,
                flag text NOT NULL,
                state text NOT NULL,
                requested_at timestamptz NOT NULL,
                document jsonb NOT NULL);
            CREATE INDEX flag_changes_app_requested ON {schema}.flag_changes (app, requested_at DESC);
            CREATE INDEX flag_changes_awaiting ON {schema}.flag_changes (requested_at) WHERE state = 'AwaitingApproval';
            """),
    ];
}

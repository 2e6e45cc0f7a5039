using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>
/// A release in which every stored property of every part (steps, rules, waves, plans, approvals, votes, schedules,
/// the verdict) holds a value other than its default, and a way to compare two releases property by property.
/// </summary>
internal static class FullRelease
{
    private static readonly Actor Alice = new("slack", "U1", "alice");

    /// <summary>Every public property, read-only ones too (they follow from the stored ones), with instants compared as instants.</summary>
    private static readonly JsonSerializerOptions Everything = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new InstantConverter() },
    };

    public static Release Build(DateTimeOffset now)
    {
        var at = now.ToOffset(TimeSpan.FromHours(8));
        var thread = new ConversationRef("slack", "C1", "171.2");
        var rule = new RouteRule { Kind = RouteRuleKind.Cookie, Name = "canary", Value = RouteRule.CookieValue, ExpiresAt = at.AddHours(2), SetAt = at };
        var plan = new ReleasePlan
        {
            Name = "standard", Origin = "Plans:standard",
            Steps =
            [
                new PlanStep { Name = "edge", Rule = rule.Copy(), Weight = 5, Bake = TimeSpan.FromMinutes(10), Analysis = true, Approval = true, Gates = ["errors"] },
                new PlanStep { Name = "full", Weight = 100, Bake = TimeSpan.FromMinutes(1), Analysis = true, Approval = true, Rule = rule.Copy(), Gates = ["errors", "cpu"] },
            ],
        };
        return new Release
        {
            Id = "r1b2c3d4", App = "checkout", Cluster = "eu-1", Namespace = "shop", FromVersion = "v1", ToVersion = "v2",
            FromImage = "r/checkout:v1", ToImage = "r/checkout:v2", StableReplicas = 4, State = ReleaseState.Paused,
            RequestedWeight = 20, EffectiveWeight = 25, Rules = [rule.Copy()], RequestedBy = Alice.ToString(), Conversation = thread,
            LastVerdict = new VerdictRecord
            {
                Outcome = VerdictOutcome.Inconclusive, Headline = "no data yet", At = at, Window = "5m",
                Gates = [new GateRecord { Name = "cpu", Outcome = VerdictOutcome.Fail, Stable = "0.100 cores/pod", Canary = "0.140 cores/pod", Reason = "40 % higher" }],
            },
            CardId = "171.9", Revision = 7, CreatedAt = at, UpdatedAt = at.AddMinutes(3),
            Strategy = ReleaseStrategy.BlueGreen, SwitchedAt = at.AddMinutes(4), KeepOldUntil = at.AddMinutes(34), OldReplicas = 2, KeepOld = TimeSpan.FromMinutes(30),
            Steps =
            [
                new ReleaseStep
                {
                    Id = "r1b2c3d4-1", Kind = StepKind.SetRoute, Weight = 20, Rules = [rule.Copy()], Status = StepStatus.Applied,
                    RequestedBy = Alice.ToString(), Conversation = thread, RequestedAt = at, FinishedAt = at.AddSeconds(30),
                    EffectiveWeight = 25, Outcome = "done", PlanIndex = 1, Cluster = "eu-1", BlueGreen = true,
                },
            ],
            Waves =
            [
                new ReleaseWave { Cluster = "eu-1", StableReplicas = 4, State = WaveState.Completed, StartedAt = at, FinishedAt = at.AddHours(1) },
                new ReleaseWave { Cluster = "us-1", StableReplicas = 6, State = WaveState.Running, StartedAt = at.AddHours(1), FinishedAt = at.AddHours(2) },
            ],
            WaveIndex = 1, LaterWavesPlan = plan.Copy(), Plan = plan, PlanIndex = 1, BakeStartedAt = at, Auto = true,
            InconclusiveSince = at.AddMinutes(1), WatchNotice = "waiting for traffic", NextLookAt = at.AddMinutes(2), Starter = Alice,
            Approvals =
            [
                new Approval
                {
                    Id = "a1b2c3", PlanIndex = 1, StepText = "full (everyone)", Command = "promote checkout full", RequestedBy = Alice,
                    RequestedAt = at, ExpiresAt = at.AddHours(2), Reason = "ship it", TwoPersonRule = true, Quorum = 2,
                    Votes = [new ApprovalVote("bob (slack:U2)", "slack:U2", at.AddMinutes(5))], State = ApprovalState.Approved,
                    DecidedBy = "bob (slack:U2)", DecidedAt = at.AddMinutes(6), Note = "approved", MessageId = "171.3",
                },
            ],
            Schedules =
            [
                new ScheduledPromotion
                {
                    Id = "s4d5e6", Command = "promote checkout 50%", What = "to 50%", At = at.AddHours(4), TimeZone = "Asia/Shanghai",
                    RequestedBy = Alice, Conversation = thread, CreatedAt = at, State = ScheduleState.Vetoed, Outcome = "vetoed by bob",
                    FinishedAt = at.AddHours(3), Noticed = true, NoticeMessageId = "171.4", Postponements = 2,
                },
            ],
        };
    }

    /// <summary>A document (a release, a flag change) as JSON with every property, computed ones included, for comparing two of them.</summary>
    public static string Describe<T>(T document) => JsonSerializer.Serialize(document, Everything);

    /// <summary>The paths of stored (settable) properties that hold their type's default anywhere in <paramref name="value"/>.</summary>
    public static IEnumerable<string> DefaultsIn(object value, string path = "release")
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var child = property.GetValue(value);
            var where = $"{path}.{property.Name}";
            var isDefault = child is null
                || (child is string text && text.Length == 0)
                || (child is IList list && list.Count == 0)
                || (child.GetType().IsValueType && child.Equals(Activator.CreateInstance(child.GetType())));
            if (isDefault)
            {
                yield return where;
                continue;
            }

            var items = child is IList many ? many.Cast<object>().ToList() : [child!];
            foreach (var item in items.Where(i => i.GetType().Assembly == typeof(Release).Assembly && !i.GetType().IsEnum))
            {
                foreach (var inner in DefaultsIn(item, where))
                {
                    yield return inner;
                }
            }
        }
    }

    private sealed class InstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}

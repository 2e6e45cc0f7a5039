using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>A phase's changes, made one after another, as one list.</summary>
internal static class ChangeSequence
{
    /// <summary>
    /// The changes as one sequence: a field changed twice shows where the earlier change left it (which a dry run, that
    /// changes nothing on the way, could not read), and a change to where the field already is is left out.
    /// </summary>
    public static List<ClusterChange> Of(IEnumerable<ClusterChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var last = new Dictionary<(string, string), string?>();
        var sequence = new List<ClusterChange>();
        foreach (var change in changes)
        {
            var key = (change.Object, change.Field);
            var old = last.TryGetValue(key, out var was) ? was : change.Old;
            if (last.ContainsKey(key) && old == change.New)
            {
                continue;
            }

            sequence.Add(change with { Old = old });
            last[key] = change.New;
        }

        return sequence;
    }
}

namespace ChatOpsRelease.Commands.Ports;

/// <summary>One change to one field of one Kubernetes object: what a dry run lists and a job reports.</summary>
/// <param name="Object">e.g. "Deployment shop/checkout-canary".</param>
/// <param name="Field">e.g. "spec.replicas", or "(object)" for a whole object created or deleted.</param>
/// <param name="Old">The value before, or null when absent.</param>
/// <param name="New">The value after, or null when removed.</param>
public sealed record ClusterChange(string Object, string Field, string? Old, string? New)
{
    public override string ToString() => (Old, New) switch
    {
        (null, null) => $"{Object}: {Field} unchanged",
        (null, _) when Field == "(object)" => $"{Object}: create ({New})",
        (_, null) when Field == "(object)" => $"{Object}: delete",
        (null, _) => $"{Object}: {Field}: (none) → {New}",
        (_, null) => $"{Object}: {Field}: {Old} → (none)",
        _ => $"{Object}: {Field}: {Old} → {New}",
    };
}

namespace ChatOpsRelease.Sandbox;

/// <summary>One time bucket of one side of an app's simulated traffic.</summary>
/// <param name="Start">Start of the bucket (the query's <c>from</c> plus a whole number of steps).</param>
/// <param name="Track"><c>stable</c> or <c>canary</c>.</param>
/// <param name="Version">The image tag of the pods that served the requests.</param>
/// <param name="Requests">Requests served.</param>
/// <param name="Errors">Requests answered with a 5xx.</param>
/// <param name="P50">Median latency in seconds; null when there were no requests.</param>
/// <param name="P95">95th percentile latency in seconds; null when there were no requests.</param>
/// <param name="P99">99th percentile latency in seconds; null when there were no requests.</param>
public sealed record SandboxTrafficBucket(
    DateTimeOffset Start, string Track, string Version, long Requests, long Errors, double? P50, double? P95, double? P99);

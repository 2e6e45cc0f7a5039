namespace ChatOpsRelease.Sandbox;

/// <summary>Where the sandbox API server listens and how fast its simulated pods become ready.</summary>
public sealed class SandboxOptions
{
    /// <summary>Loopback address to listen on (an IP address, or "localhost").</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks any free port.</summary>
    public int Port { get; set; }

    /// <summary>How long a new pod stays Pending before it is Running and Ready.</summary>
    public TimeSpan PodReadyDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}

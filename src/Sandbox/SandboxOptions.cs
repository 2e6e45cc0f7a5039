namespace ChatOpsRelease.Sandbox;

/// <summary>Where the sandbox API server listens, how fast its simulated pods become ready, what traffic they get and which faults its API injects.</summary>
public sealed class SandboxOptions
{
    /// <summary>Loopback address to listen on (an IP address, or "localhost").</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks any free port.</summary>
    public int Port { get; set; }

    /// <summary>How long a new pod stays Pending before it is Running and Ready.</summary>
    public TimeSpan PodReadyDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The simulated request traffic of the apps (see <see cref="SandboxCluster.Traffic"/>).</summary>
    public SandboxTrafficOptions Traffic { get; set; } = new();

    /// <summary>Faults injected into the API server's resource requests; none by default (see <see cref="SandboxCluster.Faults"/>).</summary>
    public SandboxFaultOptions Faults { get; set; } = new();
}

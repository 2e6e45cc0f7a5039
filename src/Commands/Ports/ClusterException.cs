namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// A cluster operation that did not succeed, with a message fit to show a person in chat: it names the
/// object and the reason and never carries credentials or a stack trace.
/// </summary>
public sealed class ClusterException : Exception
{
    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClusterException()
    {
    }
}

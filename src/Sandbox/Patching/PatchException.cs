namespace ChatOpsRelease.Sandbox.Patching;

/// <summary>A patch that cannot be applied; <see cref="Malformed"/> marks a patch document that is itself wrong.</summary>
internal sealed class PatchException : Exception
{
    public PatchException(string message, bool malformed = false)
        : base(message) => Malformed = malformed;

    public PatchException()
    {
    }

    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Malformed { get; }
}

using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>An API failure that is answered with a Kubernetes <c>Status</c> object.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details?.Copy());
}

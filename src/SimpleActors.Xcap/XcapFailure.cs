using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap;

/// <summary>
/// Ends an XCAP operation early with an error answer: a status (404, 405, 409, 413, 415, ...), for a 409 the conflict of
/// its xcap-error body, for a 405 the Allow header. Thrown and caught inside the library only; the operation turns it into
/// a response, so nothing is changed.
/// </summary>
internal sealed class XcapFailure : Exception
{
    public XcapFailure()
        : this(500, "internal error")
    {
    }

    public XcapFailure(string message)
        : this(500, message)
    {
    }

    public XcapFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 500;
    }

    public XcapFailure(int statusCode, string reason, XcapError? error = null, string? allow = null)
        : base(reason)
    {
        StatusCode = statusCode;
        Error = error;
        Allow = allow;
    }

    public int StatusCode { get; }

    public XcapError? Error { get; }

    public string? Allow { get; }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(int statusCode, string reason) => throw new XcapFailure(statusCode, reason);

    /// <summary>409 with one conflict element (RFC 4825 section 11).</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Conflict(XcapErrorKind kind, string? phrase = null) =>
        throw new XcapFailure(409, phrase ?? kind.ToString(), new XcapError(kind, phrase));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Conflict(XcapError error) => throw new XcapFailure(409, error.Phrase ?? error.Kind.ToString(), error);
}

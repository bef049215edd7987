namespace SimpleActors.Msrp.Message;

/// <summary>The Failure-Report header (RFC 4975 section 7.1.1): which transaction responses the sender wants.</summary>
public enum MsrpFailureReport
{
    /// <summary><c>yes</c>, the default: a response to every request, 200 or an error.</summary>
    Yes,

    /// <summary><c>no</c>: no responses at all.</summary>
    No,

    /// <summary><c>partial</c>: error responses only, never a 200.</summary>
    Partial,
}

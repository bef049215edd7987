using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Registration;

/// <summary>A contact bound to an address of record.</summary>
/// <param name="Uri">The contact URI text as last registered.</param>
/// <param name="ExpiresAt">The absolute time the binding expires.</param>
/// <param name="Q">The q-value, if the contact had one.</param>
/// <param name="SipInstance">The <c>+sip.instance</c> (RFC 5626), if any.</param>
/// <param name="RegId">The <c>reg-id</c> (RFC 5626), kept only with a <paramref name="SipInstance"/>.</param>
/// <param name="Path">The Path the REGISTER carried (RFC 3327).</param>
/// <param name="Flow">The flow the REGISTER came in on.</param>
/// <param name="CallId">The Call-ID of the REGISTER that last set the binding.</param>
/// <param name="CSeq">The CSeq of the REGISTER that last set the binding.</param>
/// <param name="RegisteredAt">When the REGISTER that last set the binding was received (the most recent flow wins, RFC 5626).</param>
public sealed record Binding(
    string Uri,
    DateTimeOffset ExpiresAt,
    decimal? Q,
    string? SipInstance,
    int? RegId,
    IReadOnlyList<string> Path,
    SipFlow Flow,
    string CallId,
    uint CSeq,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The whole seconds left at <paramref name="now"/>, rounded up, never negative: the <c>expires</c> to write.</summary>
    public int ExpiresIn(DateTimeOffset now) =>
        ExpiresAt <= now ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling((ExpiresAt - now).TotalSeconds));
}

namespace SimpleActors.Engine.Registration;

/// <summary>One Contact header field value of a REGISTER, as the edge parsed it.</summary>
/// <param name="Uri">The contact URI text (inside the angle brackets).</param>
/// <param name="Expires">The contact's <c>expires</c> parameter, if any.</param>
/// <param name="Q">The contact's <c>q</c> parameter, if any.</param>
/// <param name="SipInstance">The <c>+sip.instance</c> parameter (RFC 5626), if any.</param>
/// <param name="RegId">The <c>reg-id</c> parameter (RFC 5626), if any.</param>
public sealed record RequestedContact(string Uri, int? Expires, decimal? Q, string? SipInstance, int? RegId);

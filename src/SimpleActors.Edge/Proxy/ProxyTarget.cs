namespace SimpleActors.Edge.Proxy;

/// <summary>
/// One target of a proxied request (RFC 3261 section 16.5): the Request-URI it gets, the Route values in front of it
/// (a binding's Path, RFC 3327 section 5.2, or what remains of the route set, section 16.4), and where to send it.
/// </summary>
public sealed record ProxyTarget(string Uri, IReadOnlyList<string> Routes, Sip.Transport.SipDestination Destination);

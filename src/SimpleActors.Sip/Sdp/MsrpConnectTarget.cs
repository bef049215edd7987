namespace SimpleActors.Sip.Sdp;

/// <summary>Where this end opens its MSRP connection: a host (an IPv6 literal without brackets) and port, over TLS or not.</summary>
public sealed record MsrpConnectTarget(string Host, int Port, bool Tls);

namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// An NS header (RFC 3862 section 4.6): binds a header name prefix to a namespace URI, so that <c>NS: imdn
/// &lt;urn:ietf:params:imdn&gt;</c> makes <c>imdn.Message-ID</c> the header Message-ID of <c>urn:ietf:params:imdn</c>.
/// </summary>
/// <param name="Prefix">The name prefix (RFC 3862 Name: letters, digits and a few marks; no dot).</param>
/// <param name="Uri">The namespace URI between the angle brackets.</param>
public sealed record CpimNamespace(string Prefix, string Uri);

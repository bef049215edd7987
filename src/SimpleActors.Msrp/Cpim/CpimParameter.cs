namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// A header parameter (RFC 3862 section 3.6: <c>";" Param-name "=" Param-value</c>) on an extension header.
/// </summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The value: a token or number as written, a quoted string unquoted and unescaped.</param>
public sealed record CpimParameter(string Name, string Value);

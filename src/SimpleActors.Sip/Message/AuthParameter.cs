namespace SimpleActors.Sip.Message;

/// <summary>
/// One <c>auth-param = auth-param-name EQUAL ( token / quoted-string )</c> (RFC 3261 section 25.1);
/// <see cref="Value"/> is unquoted and <see cref="IsQuoted"/> says how it is written.
/// </summary>
public readonly record struct AuthParameter(string Name, string Value, bool IsQuoted)
{
    /// <summary>A parameter written as a quoted-string (realm, nonce, opaque, username, uri, response, cnonce ...).</summary>
    public static AuthParameter Quoted(string name, string value) => new(name, value, true);

    /// <summary>A parameter written as a token (algorithm, stale, nc, and qop in credentials).</summary>
    public static AuthParameter Token(string name, string value) => new(name, value, false);

    public override string ToString() => IsQuoted ? $"{Name}={SipToken.Quote(Value)}" : $"{Name}={Value}";
}

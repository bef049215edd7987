using System.Diagnostics.CodeAnalysis;

namespace SimpleActors.Sip.Message;

/// <summary>An Authorization or Proxy-Authorization value (RFC 3261 section 22.4, RFC 2617 section 3.2.2).</summary>
public sealed class AuthCredentials : AuthValue
{
    public AuthCredentials(string scheme, IEnumerable<AuthParameter> parameters)
        : base(scheme, parameters)
    {
    }

    private AuthCredentials(string scheme, AuthParameter[] parameters, string? token68)
        : base(scheme, parameters, token68)
    {
    }

    public string? Username => this["username"];

    public string? Uri => this["uri"];

    public string? Response => this["response"];

    public string? Cnonce => this["cnonce"];

    /// <summary>The nonce-count (<c>nc</c>), 8 hex digits as written.</summary>
    public string? NonceCount => this["nc"];

    public static AuthCredentials Parse(string value)
    {
        var (scheme, parameters, token68) = AuthParameterList.Parse(value);
        return new AuthCredentials(scheme, parameters, token68);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out AuthCredentials? result) => SipValue.TryParse(value, Parse, out result);
}

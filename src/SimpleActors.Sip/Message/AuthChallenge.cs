using System.Diagnostics.CodeAnalysis;

namespace SimpleActors.Sip.Message;

/// <summary>A WWW-Authenticate or Proxy-Authenticate value (RFC 3261 section 22.4, RFC 2617 section 3.2.1).</summary>
public sealed class AuthChallenge : AuthValue
{
    public AuthChallenge(string scheme, IEnumerable<AuthParameter> parameters)
        : base(scheme, parameters)
    {
    }

    private AuthChallenge(string scheme, AuthParameter[] parameters, string? token68)
        : base(scheme, parameters, token68)
    {
    }

    public string? Domain => this["domain"];

    /// <summary>The qop options of a challenge, e.g. <c>auth</c> and <c>auth-int</c> from <c>qop="auth,auth-int"</c>.</summary>
    public IReadOnlyList<string> QopOptions => Qop is null ? [] : HeaderValueList.ParseTokens(Qop);

    /// <summary>True when <c>stale=true</c> (RFC 2617 section 3.2.1: retry with the new nonce without asking the user).</summary>
    public bool Stale => string.Equals(this["stale"], "true", StringComparison.OrdinalIgnoreCase);

    public static AuthChallenge Parse(string value)
    {
        var (scheme, parameters, token68) = AuthParameterList.Parse(value);
        return new AuthChallenge(scheme, parameters, token68);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out AuthChallenge? result) => SipValue.TryParse(value, Parse, out result);
}

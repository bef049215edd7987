using System.Diagnostics.CodeAnalysis;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>A WWW-Authenticate or Proxy-Authenticate value (RFC 3261 section 22.4, RFC 2617 section 3.2.1).</summary>
public sealed class AuthChallenge
{
    private readonly AuthParameter[] _parameters;

    public AuthChallenge(string scheme, IEnumerable<AuthParameter> parameters)
    {
        _parameters = AuthParameterList.Validate(scheme, parameters);
        Scheme = scheme;
    }

    private AuthChallenge(string scheme, AuthParameter[] parameters, string? token68)
    {
        Scheme = scheme;
        _parameters = parameters;
        Token68 = token68;
    }

    /// <summary>The authentication scheme as written, e.g. <c>Digest</c> (compare case-insensitively).</summary>
    public string Scheme { get; }

    public bool IsDigest => string.Equals(Scheme, "Digest", StringComparison.OrdinalIgnoreCase);

    /// <summary>The auth-params in order, values unquoted.</summary>
    public IReadOnlyList<AuthParameter> Parameters => _parameters;

    /// <summary>The token68 form (RFC 7235 section 2.1) of a non-Digest scheme; null otherwise.</summary>
    public string? Token68 { get; }

    /// <summary>The unquoted value of the parameter <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? this[string name] => AuthParameterList.Find(_parameters, name);

    public string? Realm => this["realm"];

    public string? Nonce => this["nonce"];

    public string? Opaque => this["opaque"];

    public string? Algorithm => this["algorithm"];

    public string? Qop => this["qop"];

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

    public override string ToString() => AuthParameterList.Format(Scheme, _parameters, Token68);
}

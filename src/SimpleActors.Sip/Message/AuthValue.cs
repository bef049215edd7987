namespace SimpleActors.Sip.Message;

/// <summary>
/// What a challenge and credentials share (RFC 3261 section 22.4, RFC 7235 section 2.1): a scheme and its
/// comma-separated auth-params (or a token68), looked up by name case-insensitively.
/// </summary>
public abstract class AuthValue
{
    private readonly AuthParameter[] parameters;

    private protected AuthValue(string scheme, IEnumerable<AuthParameter> parameters)
    {
        this.parameters = AuthParameterList.Validate(scheme, parameters);
        Scheme = scheme;
    }

    private protected AuthValue(string scheme, AuthParameter[] parameters, string? token68)
    {
        Scheme = scheme;
        this.parameters = parameters;
        Token68 = token68;
    }

    /// <summary>The authentication scheme as written, e.g. <c>Digest</c> (compare case-insensitively).</summary>
    public string Scheme { get; }

    public bool IsDigest => string.Equals(Scheme, "Digest", StringComparison.OrdinalIgnoreCase);

    /// <summary>The auth-params in order, values unquoted.</summary>
    public IReadOnlyList<AuthParameter> Parameters => parameters;

    /// <summary>The token68 form (RFC 7235 section 2.1) of a non-Digest scheme; null otherwise.</summary>
    public string? Token68 { get; }

    /// <summary>The unquoted value of the parameter <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? this[string name] => AuthParameterList.Find(parameters, name);

    public string? Realm => this["realm"];

    public string? Nonce => this["nonce"];

    public string? Opaque => this["opaque"];

    public string? Algorithm => this["algorithm"];

    public string? Qop => this["qop"];

    public override string ToString() => AuthParameterList.Format(Scheme, parameters, Token68);
}

using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Configuration;

/// <summary>The <c>Auth</c> section: digest authentication of SIP requests (RFC 3261 section 22, RFC 7616, RFC 8760).</summary>
public sealed class AuthOptions
{
    /// <summary>The credentials file when none is configured, relative to the current directory.</summary>
    public const string DefaultUsersFile = "config/users.json";

    /// <summary>False in lab mode (<c>run --no-auth</c>): no request is challenged.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The credentials file (users and HA1s), relative to the current directory.</summary>
    public string UsersFile { get; set; } = DefaultUsersFile;

    /// <summary>How long a nonce is accepted; after that a client is re-challenged with <c>stale=true</c>.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The key nonces are signed with (at least 16 characters). Empty: a random key per process,
    /// which only suits a single node. In a cluster every node must have the same secret, or a
    /// nonce issued by one node is refused by the others (the client is challenged again).
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The digest algorithms offered in a challenge, most preferred first (RFC 8760 section 2.4), and the only ones
    /// accepted (with their <c>-sess</c> variants). Empty: MD5 then SHA-256. <c>["SHA-256"]</c> requires SHA-256.
    /// </summary>
    public IList<string> Algorithms { get; } = [];

    /// <summary>
    /// User-Agent prefixes of clients to send only the first challenge, because they give up on a challenge they
    /// cannot answer instead of ignoring it; added to the built-in list (baresip up to 1.x).
    /// </summary>
    public IList<string> SingleChallengeUserAgents { get; } = [];

    /// <summary>
    /// Whether the digest <c>uri</c> must designate the Request-URI (RFC 7616 section 3.4.6): be the Request-URI,
    /// or a URI of this server itself (what SIPp 3.6 sends). Off: any <c>uri</c> is accepted.
    /// </summary>
    public bool CheckDigestUri { get; set; } = true;

    /// <summary>The algorithms to offer, parsed, without repeats; unknown names are refused by the validator.</summary>
    public IReadOnlyList<DigestAlgorithm> OfferedAlgorithms()
        => [.. Algorithms.Select(name => DigestAlgorithm.TryParse(name, out var algorithm) ? algorithm : throw new InvalidOperationException($"Unknown digest algorithm {name}")).Distinct()];

    /// <summary>The User-Agent prefixes sent a single challenge: the built-in ones and <see cref="SingleChallengeUserAgents"/>.</summary>
    public IReadOnlyList<string> SingleChallengeUserAgentPrefixes()
        => [.. EdgeAuthentication.KnownSingleChallengeUserAgents.Concat(SingleChallengeUserAgents.Where(p => !string.IsNullOrWhiteSpace(p)))];

    /// <summary>The most nonces whose nonce-count is tracked for replay protection.</summary>
    public int MaxTrackedNonces { get; set; } = NonceCountTracker.DefaultCapacity;

    /// <summary>The nonce issuer these options describe: the configured secret, or a random one.</summary>
    public NonceIssuer CreateNonceIssuer() =>
        string.IsNullOrEmpty(Secret) ? NonceIssuer.WithRandomSecret(NonceLifetime) : NonceIssuer.FromSecret(Secret, NonceLifetime);

    /// <summary>The credentials file as a full path, relative paths taken from <paramref name="baseDirectory"/>.</summary>
    public string UsersFilePath(string baseDirectory) => Path.GetFullPath(UsersFile, baseDirectory);
}

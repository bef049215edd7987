using System.Diagnostics.CodeAnalysis;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Tests.Auth;

/// <summary>Digest authentication of SIP requests, end to end at the pure layer: challenge, answer, decision.</summary>
public class DigestAuthenticatorTests
{
    private const string Realm = "example.com";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly NonceIssuer _issuer = NonceIssuer.FromSecret("the cluster-wide nonce secret", Lifetime);
    private readonly DigestAuthenticator _authenticator;
    private readonly Users _users = new Users().With("alice", "alice-secret").With("bob", "bob-secret");

    public DigestAuthenticatorTests()
    {
        _authenticator = new DigestAuthenticator(_issuer, new NonceCountTracker());
    }

    [Fact]
    public void A_request_without_credentials_is_challenged_with_sha256_then_md5()
    {
        var outcome = _authenticator.Authenticate(Register(), Realm, _users, Now);

        var challenge = Assert.IsType<DigestChallenge>(outcome);
        Assert.False(challenge.Stale);
        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal("WWW-Authenticate", challenge.HeaderName);
        Assert.Equal(["SHA-256", "MD5"], challenge.Challenges.Select(c => c.Algorithm));
        Assert.All(challenge.Challenges, c =>
        {
            Assert.True(c.IsDigest);
            Assert.Equal(Realm, c.Realm);
            Assert.Equal(["auth"], c.QopOptions);
            Assert.False(c.Stale);
            Assert.Equal(NonceStatus.Valid, _issuer.Check(c.Nonce, Realm, Now, out _));
        });
    }

    [Fact]
    public void Challenge_header_values_round_trip_through_the_parser()
    {
        var challenge = Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(), Realm, _users, Now));

        var text = challenge.Challenges[0].ToString();
        var parsed = AuthChallenge.Parse(text);

        Assert.StartsWith("Digest realm=\"example.com\", nonce=\"", text, StringComparison.Ordinal);
        Assert.Equal(challenge.Challenges[0].Nonce, parsed.Nonce);
        Assert.Equal("SHA-256", parsed.Algorithm);
    }

    [Fact]
    public void A_proxy_challenge_is_a_407_with_proxy_authenticate()
    {
        var challenge = Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(), Realm, _users, Now, proxy: true));

        Assert.Equal(407, challenge.StatusCode);
        Assert.Equal("Proxy-Authenticate", challenge.HeaderName);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    [InlineData("SHA-256-sess")]
    [InlineData("MD5-sess")]
    public void A_register_answering_the_challenge_is_authenticated(string algorithm)
    {
        var nonce = _issuer.Issue(Realm, Now);
        var request = Register(Answer("alice", "alice-secret", nonce, algorithm: algorithm));

        var outcome = _authenticator.Authenticate(request, Realm, _users, Now + TimeSpan.FromSeconds(1));

        var authenticated = Assert.IsType<DigestAuthenticated>(outcome);
        Assert.Equal("sip:alice@example.com", authenticated.IdentityAor);
        Assert.Equal("alice", authenticated.Username);
        Assert.Equal(algorithm, authenticated.Algorithm.Name);
    }

    [Fact]
    public void Proxy_authorization_is_read_for_a_proxy()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var request = Request("MESSAGE", "sip:bob@example.com", Answer("alice", "alice-secret", nonce, method: "MESSAGE", uri: "sip:bob@example.com"), proxy: true);

        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(request, Realm, _users, Now, proxy: true));
        Assert.IsType<DigestChallenge>(_authenticator.Authenticate(request, Realm, _users, Now, proxy: false));
    }

    [Fact]
    public void Md5_without_qop_is_accepted_for_rfc_2069_clients()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var response = DigestCalculator.ClientResponse(DigestAlgorithm.Md5, "alice", Realm, "alice-secret", "REGISTER", "sip:example.com", nonce, qop: null);
        var credentials = new AuthCredentials("Digest", [
            AuthParameter.Quoted("username", "alice"), AuthParameter.Quoted("realm", Realm), AuthParameter.Quoted("nonce", nonce),
            AuthParameter.Quoted("uri", "sip:example.com"), AuthParameter.Quoted("response", response)]);

        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(Register(credentials), Realm, _users, Now));
    }

    [Fact]
    public void Sha256_without_qop_is_challenged()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var response = DigestCalculator.ClientResponse(DigestAlgorithm.Sha256, "alice", Realm, "alice-secret", "REGISTER", "sip:example.com", nonce, qop: null);
        var credentials = new AuthCredentials("Digest", [
            AuthParameter.Quoted("username", "alice"), AuthParameter.Quoted("realm", Realm), AuthParameter.Quoted("nonce", nonce),
            AuthParameter.Quoted("uri", "sip:example.com"), AuthParameter.Token("algorithm", "SHA-256"), AuthParameter.Quoted("response", response)]);

        Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(credentials), Realm, _users, Now));
    }

    [Fact]
    public void A_wrong_password_is_forbidden()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "guess", nonce)), Realm, _users, Now);

        Assert.IsType<DigestForbidden>(outcome);
    }

    [Fact]
    public void An_unknown_user_is_forbidden()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("mallory", "mallory-secret", nonce)), Realm, _users, Now);

        Assert.IsType<DigestForbidden>(outcome);
    }

    [Fact]
    public void A_user_without_a_stored_hash_for_the_algorithm_is_forbidden()
    {
        var users = new Users().With("carol", "carol-secret", DigestAlgorithm.Md5);
        var nonce = _issuer.Issue(Realm, Now);

        Assert.IsType<DigestForbidden>(_authenticator.Authenticate(Register(Answer("carol", "carol-secret", nonce, algorithm: "SHA-256")), Realm, users, Now));
        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(Register(Answer("carol", "carol-secret", nonce, algorithm: "MD5")), Realm, users, Now));
    }

    [Fact]
    public void An_expired_nonce_with_a_right_response_is_rechallenged_as_stale()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce)), Realm, _users, Now + Lifetime + TimeSpan.FromSeconds(1));

        var challenge = Assert.IsType<DigestChallenge>(outcome);
        Assert.True(challenge.Stale);
        Assert.All(challenge.Challenges, c => Assert.True(c.Stale));
        Assert.NotEqual(nonce, challenge.Challenges[0].Nonce);
    }

    [Fact]
    public void An_expired_nonce_with_a_wrong_response_is_forbidden_not_stale()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "guess", nonce)), Realm, _users, Now + Lifetime + TimeSpan.FromSeconds(1));

        Assert.IsType<DigestForbidden>(outcome);
    }

    [Fact]
    public void A_forged_nonce_is_rechallenged_without_stale()
    {
        var forged = NonceIssuer.FromSecret("an attacker's own secret value", Lifetime).Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", forged)), Realm, _users, Now);

        var challenge = Assert.IsType<DigestChallenge>(outcome);
        Assert.False(challenge.Stale);
    }

    [Fact]
    public void A_replayed_nonce_count_is_rechallenged()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var request = Register(Answer("alice", "alice-secret", nonce, nc: "00000001"));
        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(request, Realm, _users, Now));

        var replay = _authenticator.Authenticate(request, Realm, _users, Now + TimeSpan.FromSeconds(2));

        var challenge = Assert.IsType<DigestChallenge>(replay);
        Assert.True(challenge.Stale);
    }

    [Fact]
    public void The_next_nonce_count_on_the_same_nonce_is_accepted()
    {
        var nonce = _issuer.Issue(Realm, Now);
        _authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, nc: "00000001")), Realm, _users, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, nc: "00000002")), Realm, _users, Now);

        Assert.IsType<DigestAuthenticated>(outcome);
        Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, nc: "00000001")), Realm, _users, Now));
    }

    [Fact]
    public void A_wrong_response_does_not_use_up_a_nonce_count()
    {
        var nonce = _issuer.Issue(Realm, Now);
        _authenticator.Authenticate(Register(Answer("alice", "guess", nonce, nc: "00000001")), Realm, _users, Now);

        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, nc: "00000001")), Realm, _users, Now));
    }

    [Fact]
    public void A_digest_uri_other_than_the_request_uri_is_a_bad_request()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var credentials = Answer("alice", "alice-secret", nonce, uri: "sip:example.org");

        Assert.IsType<DigestBadRequest>(_authenticator.Authenticate(Register(credentials), Realm, _users, Now));
    }

    [Fact]
    public void The_digest_uri_is_compared_as_a_uri_not_as_text()
    {
        // RFC 3261 section 19.1.4: the host compares case-insensitively. The response covers the uri as sent.
        var nonce = _issuer.Issue(Realm, Now);
        var credentials = Answer("alice", "alice-secret", nonce, uri: "sip:EXAMPLE.com");

        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(Register(credentials), Realm, _users, Now));
    }

    [Fact]
    public void Credentials_for_another_realm_are_ignored_and_challenged()
    {
        var nonce = _issuer.Issue("example.org", Now);
        var credentials = Answer("alice", "alice-secret", nonce, realm: "example.org");

        var outcome = _authenticator.Authenticate(Register(credentials), Realm, _users, Now);

        Assert.IsType<DigestChallenge>(outcome);
    }

    [Fact]
    public void The_credentials_for_our_realm_are_picked_among_several()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var request = Register(
            Answer("alice", "other", _issuer.Issue("proxy.example.net", Now), realm: "proxy.example.net"),
            Answer("alice", "alice-secret", nonce));

        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(request, Realm, _users, Now));
    }

    [Fact]
    public void A_nonce_issued_for_another_realm_is_not_accepted()
    {
        var nonce = _issuer.Issue("example.org", Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce)), Realm, _users, Now);

        Assert.IsType<DigestChallenge>(outcome);
    }

    [Fact]
    public void Unsupported_qop_and_algorithm_are_rechallenged()
    {
        var nonce = _issuer.Issue(Realm, Now);

        Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, qop: "auth-int")), Realm, _users, Now));
        Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, algorithm: "SHA-512-256")), Realm, _users, Now));
    }

    [Fact]
    public void Credentials_missing_a_required_parameter_are_a_bad_request()
    {
        var credentials = new AuthCredentials("Digest", [AuthParameter.Quoted("username", "alice"), AuthParameter.Quoted("realm", Realm)]);

        Assert.IsType<DigestBadRequest>(_authenticator.Authenticate(Register(credentials), Realm, _users, Now));
    }

    [Fact]
    public void Qop_auth_without_nonce_count_is_a_bad_request()
    {
        var nonce = _issuer.Issue(Realm, Now);

        Assert.IsType<DigestBadRequest>(_authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce, nc: "1")), Realm, _users, Now));
    }

    [Fact]
    public void An_unparsable_authorization_header_is_a_bad_request()
    {
        var headers = new HeaderCollection();
        headers.Add(KnownHeader.Authorization, "Digest username=\"alice");

        Assert.IsType<DigestBadRequest>(_authenticator.Authenticate(new SipRequest("REGISTER", "sip:example.com", headers), Realm, _users, Now));
    }

    [Fact]
    public void An_upper_case_response_is_forgiven()
    {
        var nonce = _issuer.Issue(Realm, Now);
        var answer = Answer("alice", "alice-secret", nonce);
        var upper = new AuthCredentials("Digest", answer.Parameters.Select(p => p.Name == "response" ? AuthParameter.Quoted("response", p.Value.ToUpperInvariant()) : p));

        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(Register(upper), Realm, _users, Now));
    }

    private static SipRequest Register(params AuthCredentials[] credentials) => Request("REGISTER", "sip:example.com", credentials);

    private static SipRequest Request(string method, string uri, AuthCredentials credentials, bool proxy) =>
        Request(method, uri, [credentials], proxy);

    private static SipRequest Request(string method, string uri, AuthCredentials[] credentials, bool proxy = false)
    {
        var headers = new HeaderCollection();
        foreach (var c in credentials)
        {
            headers.Add(proxy ? KnownHeader.ProxyAuthorization : KnownHeader.Authorization, c.ToString());
        }

        return new SipRequest(method, uri, headers);
    }

    private static AuthCredentials Answer(
        string username, string password, string nonce, string algorithm = "SHA-256", string method = "REGISTER",
        string uri = "sip:example.com", string realm = Realm, string nc = "00000001", string qop = "auth")
    {
        const string cnonce = "0a4f113b";
        var parsed = DigestAlgorithm.TryParse(algorithm, out var known) ? known : DigestAlgorithm.Sha256;
        var response = DigestCalculator.ClientResponse(parsed, username, realm, password, method, uri, nonce, qop, nc, cnonce);
        return new AuthCredentials("Digest", [
            AuthParameter.Quoted("username", username),
            AuthParameter.Quoted("realm", realm),
            AuthParameter.Quoted("nonce", nonce),
            AuthParameter.Quoted("uri", uri),
            AuthParameter.Quoted("response", response),
            AuthParameter.Token("algorithm", algorithm),
            AuthParameter.Quoted("cnonce", cnonce),
            AuthParameter.Token("qop", qop),
            AuthParameter.Token("nc", nc),
        ]);
    }

    /// <summary>An in-memory user store holding HA1s, as the real one does.</summary>
    private sealed class Users : IDigestCredentialSource
    {
        private readonly Dictionary<(string Aor, string Algorithm), string> _ha1 = [];

        public Users With(string user, string password, params DigestAlgorithm[] algorithms)
        {
            foreach (var algorithm in algorithms.Length == 0 ? DigestAlgorithm.Stored : algorithms)
            {
                _ha1[($"sip:{user}@{Realm}", algorithm.Name)] = DigestCalculator.Ha1(algorithm, user, Realm, password);
            }

            return this;
        }

        public bool TryGetHa1(string identityAor, string realm, DigestAlgorithm algorithm, [NotNullWhen(true)] out string? ha1) =>
            _ha1.TryGetValue((identityAor, algorithm.Name), out ha1) && realm == Realm;
    }
}

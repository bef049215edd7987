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
    public void A_request_without_credentials_is_challenged_with_md5_then_sha256()
    {
        var outcome = _authenticator.Authenticate(Register(), Realm, _users, Now);

        var challenge = Assert.IsType<DigestChallenge>(outcome);
        Assert.False(challenge.Stale);
        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal("WWW-Authenticate", challenge.HeaderName);
        Assert.Equal(["MD5", "SHA-256"], challenge.Challenges.Select(c => c.Algorithm));
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
        Assert.Equal("MD5", parsed.Algorithm);
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
    public void A_wrong_password_is_rechallenged_without_stale()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "guess", nonce)), Realm, _users, Now);

        // RFC 7616 section 3.3: no stale -> the username or password is wrong, the client must get new ones.
        AssertFreshChallenge(outcome, nonce, stale: false);
    }

    [Fact]
    public void Wrong_again_on_the_re_challenge_is_forbidden_and_right_on_it_is_authenticated()
    {
        var first = Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(Answer("alice", "guess", _issuer.Issue(Realm, Now))), Realm, _users, Now));
        var rechallenge = first.Challenges[0].Nonce!;

        var again = _authenticator.Authenticate(Register(Answer("alice", "guess", rechallenge)), Realm, _users, Now);
        var unknownAgain = _authenticator.Authenticate(Register(Answer("mallory", "guess", rechallenge)), Realm, _users, Now);
        var right = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", rechallenge)), Realm, _users, Now);

        Assert.IsType<DigestForbidden>(again);
        Assert.IsType<DigestForbidden>(unknownAgain);
        Assert.IsType<DigestAuthenticated>(right);
    }

    [Fact]
    public void An_unknown_user_gets_the_answer_of_a_wrong_password()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var unknown = _authenticator.Authenticate(Register(Answer("mallory", "mallory-secret", nonce)), Realm, _users, Now);
        var wrong = _authenticator.Authenticate(Register(Answer("alice", "guess", nonce)), Realm, _users, Now);

        Assert.Equal(Assert.IsType<DigestChallenge>(wrong).Stale, Assert.IsType<DigestChallenge>(unknown).Stale);
        Assert.Equal(401, ((DigestChallenge)unknown).StatusCode);
    }

    [Fact]
    public void A_user_without_a_stored_hash_for_the_algorithm_is_rechallenged()
    {
        var users = new Users().With("carol", "carol-secret", DigestAlgorithm.Md5);
        var nonce = _issuer.Issue(Realm, Now);

        Assert.False(Assert.IsType<DigestChallenge>(_authenticator.Authenticate(Register(Answer("carol", "carol-secret", nonce, algorithm: "SHA-256")), Realm, users, Now)).Stale);
        Assert.IsType<DigestAuthenticated>(_authenticator.Authenticate(Register(Answer("carol", "carol-secret", nonce, algorithm: "MD5")), Realm, users, Now));
    }

    [Fact]
    public void An_expired_nonce_with_a_right_response_is_rechallenged_as_stale()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", nonce)), Realm, _users, Now + Lifetime + TimeSpan.FromSeconds(1));

        AssertFreshChallenge(outcome, nonce, stale: true);
    }

    [Fact]
    public void An_expired_nonce_with_a_wrong_response_is_rechallenged_not_stale()
    {
        var nonce = _issuer.Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "guess", nonce)), Realm, _users, Now + Lifetime + TimeSpan.FromSeconds(1));

        Assert.False(Assert.IsType<DigestChallenge>(outcome).Stale);
    }

    [Fact]
    public void A_nonce_of_another_secret_with_a_right_response_is_rechallenged_as_stale()
    {
        // RFC 2617 section 3.2.1: an invalid nonce with a valid digest for it -> stale. This is what a client sees
        // after a node restart with a random secret, or from a node of the cluster with another secret.
        var foreign = NonceIssuer.FromSecret("another node's own secret value", Lifetime).Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "alice-secret", foreign)), Realm, _users, Now);

        Assert.True(Assert.IsType<DigestChallenge>(outcome).Stale);
    }

    [Fact]
    public void A_forged_nonce_with_a_wrong_response_is_rechallenged_without_stale()
    {
        var forged = NonceIssuer.FromSecret("an attacker's own secret value", Lifetime).Issue(Realm, Now);

        var outcome = _authenticator.Authenticate(Register(Answer("alice", "guess", forged)), Realm, _users, Now);

        Assert.False(Assert.IsType<DigestChallenge>(outcome).Stale);
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
    public void A_digest_uri_naming_this_server_passes_when_the_server_says_so()
    {
        // SIPp 3.6 puts "sip:<server address>:<port>" in the digest uri, whatever the Request-URI.
        var strict = _authenticator;
        var lenient = new DigestAuthenticator(_issuer, new NonceCountTracker()) { IsServerUri = uri => uri.User is null && uri.Host == "127.0.0.1" };
        var nonce = _issuer.Issue(Realm, Now);
        var toServer = Request("MESSAGE", "sip:bob@example.com", Answer("alice", "alice-secret", nonce, method: "MESSAGE", uri: "sip:127.0.0.1:5060"), proxy: true);
        var toUser = Request("MESSAGE", "sip:bob@example.com", Answer("alice", "alice-secret", nonce, method: "MESSAGE", uri: "sip:carol@127.0.0.1:5060", nc: "00000002"), proxy: true);

        Assert.IsType<DigestBadRequest>(strict.Authenticate(toServer, Realm, _users, Now, proxy: true));
        Assert.IsType<DigestAuthenticated>(lenient.Authenticate(toServer, Realm, _users, Now, proxy: true));
        Assert.IsType<DigestBadRequest>(lenient.Authenticate(toUser, Realm, _users, Now, proxy: true));
    }

    [Fact]
    public void Without_the_digest_uri_check_any_uri_passes()
    {
        var anyUri = new DigestAuthenticator(_issuer, new NonceCountTracker()) { CheckDigestUri = false };
        var nonce = _issuer.Issue(Realm, Now);

        Assert.IsType<DigestAuthenticated>(anyUri.Authenticate(Register(Answer("alice", "alice-secret", nonce, uri: "sip:example.org")), Realm, _users, Now));
    }

    [Fact]
    public void Only_offered_algorithms_and_their_sess_variants_are_accepted()
    {
        // Offering SHA-256 alone requires it: an MD5 answer is challenged again.
        var sha256Only = new DigestAuthenticator(_issuer, new NonceCountTracker(), [DigestAlgorithm.Sha256]);
        var nonce = _issuer.Issue(Realm, Now);

        var md5 = sha256Only.Authenticate(Register(Answer("alice", "alice-secret", nonce, algorithm: "MD5")), Realm, _users, Now);
        var md5Sess = sha256Only.Authenticate(Register(Answer("alice", "alice-secret", nonce, algorithm: "MD5-sess", nc: "00000002")), Realm, _users, Now);
        var sha256 = sha256Only.Authenticate(Register(Answer("alice", "alice-secret", nonce, algorithm: "SHA-256", nc: "00000003")), Realm, _users, Now);
        var sha256Sess = sha256Only.Authenticate(Register(Answer("alice", "alice-secret", nonce, algorithm: "SHA-256-sess", nc: "00000004")), Realm, _users, Now);

        Assert.Equal(["SHA-256"], Assert.IsType<DigestChallenge>(md5).Challenges.Select(c => c.Algorithm));
        Assert.IsType<DigestChallenge>(md5Sess);
        Assert.IsType<DigestAuthenticated>(sha256);
        Assert.IsType<DigestAuthenticated>(sha256Sess);
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

    private static void AssertFreshChallenge(DigestOutcome outcome, string answeredNonce, bool stale)
    {
        var challenge = Assert.IsType<DigestChallenge>(outcome);
        Assert.Equal(stale, challenge.Stale);
        Assert.All(challenge.Challenges, c => Assert.Equal(stale, c.Stale));
        Assert.NotEqual(answeredNonce, challenge.Challenges[0].Nonce);
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

using System.Diagnostics.CodeAnalysis;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Http;
using SimpleActors.Edge.Tests.Auth;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Http;

/// <summary>The HTTP authentication decision, with the users of a real credentials file and our own nonces.</summary>
public sealed class HttpDigestAuthenticatorTests : IDisposable
{
    private const string Realm = "example.com";
    private const string Target = "/xcap-root/pres-rules/users/sip:alice@example.com/index?x=1";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly TemporaryFolder folder = new();
    private readonly UserDirectory users;
    private readonly HttpDigestAuthenticator authenticator = new(NonceIssuer.WithRandomSecret(Lifetime), new NonceCountTracker());

    public HttpDigestAuthenticatorTests()
    {
        var path = folder.File("users.json");
        UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "password")).Write(path);
        users = new UserDirectory(path, pollInterval: Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        users.Dispose();
        folder.Dispose();
    }

    // RFC 7616 section 3.9.1 (copied from the RFC): username "Mufasa", password "Circle of Life" (lower-case "of",
    // erratum 4495), GET /dir/index.html. Its nonce is not one of ours, so the calculation is checked on its own.
    private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private const string Rfc7616Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_example_responses_are_what_the_shared_digest_calculation_gives(string algorithmName, string expected)
    {
        var header = $"""Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm={algorithmName}, nonce="{Rfc7616Nonce}", nc=00000001, cnonce="{Rfc7616Cnonce}", qop=auth, response="{expected}", opaque="{Rfc7616Opaque}" """;
        var credentials = AuthCredentials.Parse(header);
        Assert.True(DigestAlgorithm.TryParse(credentials.Algorithm, out var algorithm));

        var ha1 = DigestCalculator.Ha1(algorithm, credentials.Username!, credentials.Realm!, "Circle of Life");
        var response = DigestCalculator.Response(
            algorithm, ha1, credentials.Nonce!, credentials.NonceCount!, credentials.Cnonce!, credentials.Qop!, DigestCalculator.Ha2(algorithm, "GET", credentials.Uri!));

        Assert.Equal(expected, response);
        Assert.True(DigestCalculator.ResponsesMatch(response, credentials.Response!));
        Assert.Equal(expected, DigestClient.Response(algorithmName, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", Rfc7616Nonce, "00000001", Rfc7616Cnonce));
    }

    [Fact]
    public void Rfc7616_username_star_example_decodes_to_its_name()
    {
        // RFC 7616 section 3.9.2: username*=UTF-8''J%C3%A4s%C3%B8n%20Doe is "Jäsøn Doe".
        Assert.True(ExtendedValue.TryDecode("UTF-8''J%C3%A4s%C3%B8n%20Doe", out var name));
        Assert.Equal("J\u00e4s\u00f8n Doe", name);
    }

    [Theory]
    [InlineData("ISO-8859-1''alice")]
    [InlineData("UTF-8'alice")]
    [InlineData("UTF-8''al%2")]
    [InlineData("UTF-8''al%zzice")]
    [InlineData("UTF-8''al ice")]
    [InlineData("UTF-8''%C3%28")]
    public void Bad_extended_values_are_refused(string value) => Assert.False(ExtendedValue.TryDecode(value, out _));

    [Fact]
    public void A_challenge_offers_sha256_then_md5_with_one_nonce_qop_auth_and_an_opaque()
    {
        var challenges = authenticator.Challenge(Realm, Now).Select(AuthChallenge.Parse).ToList();

        Assert.Equal(["SHA-256", "MD5"], challenges.Select(c => c.Algorithm));
        Assert.All(challenges, c =>
        {
            Assert.True(c.IsDigest);
            Assert.Equal(Realm, c.Realm);
            Assert.Equal(["auth"], c.QopOptions);
            Assert.Equal(challenges[0].Nonce, c.Nonce);
            Assert.False(string.IsNullOrEmpty(c.Opaque));
            Assert.Equal("UTF-8", c["charset"]);
            Assert.False(c.Stale);
        });
        Assert.Equal(NonceStatus.Valid, authenticator.Nonces.Check(challenges[0].Nonce, Realm, Now, out _));
    }

    [Fact]
    public void Basic_is_offered_only_over_tls_and_last()
    {
        Assert.DoesNotContain(authenticator.Challenge(Realm, Now), c => c.StartsWith("Basic", StringComparison.Ordinal));

        var overTls = authenticator.Challenge(Realm, Now, overTls: true);

        Assert.Equal("Basic realm=\"example.com\", charset=\"UTF-8\"", overTls[^1]);
        Assert.Equal(3, overTls.Count);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    [InlineData("MD5-sess")]
    [InlineData("SHA-256-sess")]
    public void A_right_response_authenticates_the_aor_and_proves_the_server_with_rspauth(string algorithm)
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), algorithm.Replace("-sess", string.Empty, StringComparison.Ordinal));
        var header = DigestClient.Authorization(challenge, "alice", "password", "GET", Target, algorithm: algorithm);

        var outcome = Assert.IsType<HttpAuthenticated>(Authenticate(header));

        Assert.Equal("sip:alice@example.com", outcome.IdentityAor);
        Assert.Equal("alice", outcome.Username);
        Assert.Equal("Digest", outcome.Scheme);
        Assert.Equal(algorithm, outcome.Algorithm!.Name);
        var info = AuthCredentials.Parse("Digest " + outcome.AuthenticationInfo);
        Assert.Equal(DigestClient.Rspauth(algorithm, "alice", Realm, "password", Target, challenge.Nonce!, "00000001", "0a4f113b"), info["rspauth"]);
        Assert.Equal("auth", info.Qop);
        Assert.Equal("0a4f113b", info.Cnonce);
        Assert.Equal("00000001", info.NonceCount);
        Assert.Null(info["nextnonce"]);
    }

    [Fact]
    public void A_nonce_past_half_its_lifetime_brings_a_nextnonce()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");
        var header = DigestClient.Authorization(challenge, "alice", "password", "GET", Target);

        var later = Now + (Lifetime * 0.75);
        var outcome = Assert.IsType<HttpAuthenticated>(authenticator.Authenticate("GET", Target, header, false, Realm, users, later));

        var nextnonce = AuthCredentials.Parse("Digest " + outcome.AuthenticationInfo)["nextnonce"];
        Assert.Equal(NonceStatus.Valid, authenticator.Nonces.Check(nextnonce, Realm, later + (Lifetime * 0.5), out _));
    }

    [Fact]
    public void No_credentials_get_the_challenge()
    {
        var outcome = Assert.IsType<HttpChallenge>(Authenticate(null));

        Assert.False(outcome.Stale);
        Assert.Equal(2, outcome.Challenges.Count);
        Assert.Equal(401, outcome.StatusCode);
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("mallory", "password")]
    public void A_wrong_password_or_an_unknown_user_is_challenged_again_without_stale(string username, string password)
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");

        var outcome = Assert.IsType<HttpChallenge>(Authenticate(DigestClient.Authorization(challenge, username, password, "GET", Target)));

        Assert.False(outcome.Stale);
        Assert.All(outcome.Challenges.Select(AuthChallenge.Parse), c => Assert.False(c.Stale));
    }

    [Fact]
    public void An_expired_nonce_with_the_right_password_is_challenged_with_stale_true()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "MD5");
        var header = DigestClient.Authorization(challenge, "alice", "password", "GET", Target);

        var outcome = Assert.IsType<HttpChallenge>(authenticator.Authenticate("GET", Target, header, false, Realm, users, Now + Lifetime));

        Assert.True(outcome.Stale);
        Assert.All(outcome.Challenges.Select(AuthChallenge.Parse), c => Assert.True(c.Stale));
        Assert.Equal("nonce expired", outcome.Reason);
    }

    [Fact]
    public void An_expired_nonce_with_a_wrong_password_is_not_stale()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "MD5");
        var header = DigestClient.Authorization(challenge, "alice", "wrong", "GET", Target);

        var outcome = Assert.IsType<HttpChallenge>(authenticator.Authenticate("GET", Target, header, false, Realm, users, Now + Lifetime));

        Assert.False(outcome.Stale);
    }

    [Fact]
    public void A_nonce_signed_with_another_secret_is_stale()
    {
        var other = new HttpDigestAuthenticator(NonceIssuer.WithRandomSecret(Lifetime), new NonceCountTracker());
        var challenge = DigestClient.Pick(other.Challenge(Realm, Now), "SHA-256");

        var outcome = Assert.IsType<HttpChallenge>(Authenticate(DigestClient.Authorization(challenge, "alice", "password", "GET", Target)));

        Assert.True(outcome.Stale);
    }

    [Fact]
    public void A_replayed_nonce_count_is_challenged_and_a_higher_one_passes()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");
        var first = DigestClient.Authorization(challenge, "alice", "password", "GET", Target, nc: "00000001");
        Assert.IsType<HttpAuthenticated>(Authenticate(first));

        var replay = Assert.IsType<HttpChallenge>(Authenticate(first));
        Assert.True(replay.Stale);
        Assert.Contains("already used", replay.Reason, StringComparison.Ordinal);

        Assert.IsType<HttpAuthenticated>(Authenticate(DigestClient.Authorization(challenge, "alice", "password", "GET", Target, nc: "00000002", cnonce: "other")));
    }

    [Theory]
    [InlineData("/xcap-root/pres-rules/users/sip:alice@example.com/index")]
    [InlineData("/xcap-root/pres-rules/users/sip:bob@example.com/index?x=1")]
    [InlineData("http://example.com/xcap-root/pres-rules/users/sip:alice@example.com/index?x=1")]
    public void A_digest_uri_other_than_the_request_target_is_a_bad_request(string uri)
    {
        // RFC 7616 section 3.4.6: "if they are not [the same], the server SHOULD return a 400 Bad Request error".
        // The response is right for the uri it names: the credentials were made for another request.
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");

        var outcome = Authenticate(DigestClient.Authorization(challenge, "alice", "password", "GET", uri));

        Assert.Equal(400, Assert.IsType<HttpBadRequest>(outcome).StatusCode);
    }

    [Fact]
    public void A_response_made_for_another_method_is_wrong()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");

        var outcome = authenticator.Authenticate("PUT", Target, DigestClient.Authorization(challenge, "alice", "password", "GET", Target), false, Realm, users, Now);

        Assert.IsType<HttpChallenge>(outcome);
    }

    [Fact]
    public void Credentials_for_another_realm_are_challenged()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge("example.org", Now), "SHA-256");

        Assert.IsType<HttpChallenge>(Authenticate(DigestClient.Authorization(challenge, "alice", "password", "GET", Target)));
    }

    [Fact]
    public void An_algorithm_not_offered_is_challenged()
    {
        var sha256Only = new HttpDigestAuthenticator(authenticator.Nonces, new NonceCountTracker(), [DigestAlgorithm.Sha256]);
        var challenge = AuthChallenge.Parse(Assert.Single(sha256Only.Challenge(Realm, Now)));

        var outcome = sha256Only.Authenticate("GET", Target, DigestClient.Authorization(challenge, "alice", "password", "GET", Target, algorithm: "MD5"), false, Realm, users, Now);

        Assert.Contains("not offered", Assert.IsType<HttpChallenge>(outcome).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qop=auth, ", "")]
    [InlineData("qop=auth,", "qop=auth-int,")]
    [InlineData("algorithm=SHA-256,", "algorithm=SHA-512-256,")]
    [InlineData("opaque=", "userhash=true, opaque=")]
    public void What_was_not_offered_is_challenged(string from, string to)
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");
        var header = DigestClient.Authorization(challenge, "alice", "password", "GET", Target).Replace(from, to, StringComparison.Ordinal);

        Assert.IsType<HttpChallenge>(Authenticate(header));
    }

    [Fact]
    public void A_username_in_extended_notation_is_accepted()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");
        var header = DigestClient.Authorization(challenge, "alice", "password", "GET", Target)
            .Replace("username=\"alice\"", "username*=UTF-8''%61lice", StringComparison.Ordinal);

        Assert.Equal("sip:alice@example.com", Assert.IsType<HttpAuthenticated>(Authenticate(header)).IdentityAor);
    }

    [Fact]
    public void Username_and_username_star_together_are_a_bad_request()
    {
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");
        var header = DigestClient.Authorization(challenge, "alice", "password", "GET", Target)
            .Replace("username=\"alice\"", "username=\"alice\", username*=UTF-8''alice", StringComparison.Ordinal);

        Assert.IsType<HttpBadRequest>(Authenticate(header));
    }

    [Fact]
    public void A_full_aor_as_username_is_not_the_user()
    {
        // The stored HA1 is over the user part (as for SIP), so no other spelling of the name can match it.
        var challenge = DigestClient.Pick(authenticator.Challenge(Realm, Now), "SHA-256");

        Assert.IsType<HttpChallenge>(Authenticate(DigestClient.Authorization(challenge, "alice@example.com", "password", "GET", Target)));
    }

    [Fact]
    public void Basic_over_clear_http_is_answered_with_the_digest_challenge_even_when_right()
    {
        var outcome = Assert.IsType<HttpChallenge>(Authenticate(DigestClient.Basic("alice", "password"), overTls: false));

        Assert.All(outcome.Challenges, c => Assert.StartsWith("Digest ", c, StringComparison.Ordinal));
        Assert.Equal(2, outcome.Challenges.Count);
    }

    [Fact]
    public void Basic_over_tls_with_the_right_password_authenticates()
    {
        var outcome = Assert.IsType<HttpAuthenticated>(Authenticate(DigestClient.Basic("alice", "password"), overTls: true));

        Assert.Equal("sip:alice@example.com", outcome.IdentityAor);
        Assert.Equal("Basic", outcome.Scheme);
        Assert.Null(outcome.AuthenticationInfo);
    }

    [Fact]
    public void Basic_checks_the_md5_ha1_when_only_that_is_stored()
    {
        var md5Only = new SingleHa1("sip:carol@example.com", Realm, DigestAlgorithm.Md5, DigestCalculator.Ha1(DigestAlgorithm.Md5, "carol", Realm, "p:w"));

        var outcome = authenticator.Authenticate("GET", Target, DigestClient.Basic("carol", "p:w"), true, Realm, md5Only, Now);

        Assert.Equal("sip:carol@example.com", Assert.IsType<HttpAuthenticated>(outcome).IdentityAor);
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", "")]
    [InlineData("mallory", "password")]
    [InlineData("", "password")]
    public void Basic_over_tls_with_wrong_credentials_is_challenged_with_basic_too(string username, string password)
    {
        var outcome = Assert.IsType<HttpChallenge>(Authenticate(DigestClient.Basic(username, password), overTls: true));

        Assert.StartsWith("Basic ", outcome.Challenges[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Another_scheme_is_challenged()
    {
        Assert.IsType<HttpChallenge>(Authenticate("Bearer abc.def.ghi"));
    }

    [Theory]
    [InlineData("Digest")]
    [InlineData("Digest ")]
    [InlineData("Digest realm=\"example.com\"")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"x\", uri=\"/\"")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"x\", uri=\"/\", response=\"abc\", qop=auth")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"x\", uri=\"/\", response=\"abc\", qop=auth, nc=1, cnonce=\"c\"")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"x\", uri=\"/\", response=\"abc\", qop=auth, nc=0000000g, cnonce=\"c\"")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"x\", uri=\"/\", response=\"abc\", qop=auth, nc=00000001, cnonce=\"\"")]
    [InlineData("Digest username=\"\", realm=\"example.com\", nonce=\"x\", uri=\"/\", response=\"abc\", qop=auth, nc=00000001, cnonce=\"c\"")]
    [InlineData("Digest username*=UTF-8''%FF, realm=\"example.com\", nonce=\"x\", uri=\"/\", response=\"abc\", qop=auth, nc=00000001, cnonce=\"c\"")]
    [InlineData("Digest username=\"alice, realm=\"example.com\"")]
    [InlineData("Digest username=\"alice\" realm=\"example.com\"")]
    [InlineData("Digest username=, realm=\"example.com\"")]
    [InlineData("Digest =\"alice\"")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", \"")]
    [InlineData("Digest username=\"alice\\")]
    [InlineData("Basic")]
    [InlineData("Basic !!!!")]
    [InlineData("Basic YWxpY2U=")] // "alice", no colon
    [InlineData("Basic /w==")] // 0xFF, not UTF-8
    [InlineData("Basic YWxpY2U6cGFzc3dvcmQ=, extra=1")]
    [InlineData("\"Digest\"")]
    [InlineData(",")]
    [InlineData("Digest\u0000 realm=\"example.com\"")]
    public void A_malformed_authorization_is_a_bad_request(string header)
    {
        var outcome = Authenticate(header, overTls: true);

        Assert.Equal(400, Assert.IsType<HttpBadRequest>(outcome).StatusCode);
    }

    [Fact]
    public void No_header_of_random_bytes_makes_it_throw()
    {
        var random = new Random(7616);
        var alphabet = "Digest Basic username realm nonce uri response qop auth nc cnonce = , \" \\ ' * % : / UTF-8 0a f \u00e9 \u0000 \t";
        var parts = alphabet.Split(' ');
        for (var i = 0; i < 5000; i++)
        {
            var header = string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => parts[random.Next(parts.Length)] + (random.Next(3) == 0 ? " " : string.Empty)));

            var outcome = Authenticate(header, overTls: random.Next(2) == 0);

            Assert.True(outcome is HttpBadRequest or HttpChallenge, header);
        }
    }

    private HttpAuthenticationOutcome Authenticate(string? header, bool overTls = false) =>
        authenticator.Authenticate("GET", Target, header, overTls, Realm, users, Now);

    private sealed class SingleHa1(string aor, string realm, DigestAlgorithm algorithm, string ha1) : IDigestCredentialSource
    {
        public bool TryGetHa1(string identityAor, string realmAsked, DigestAlgorithm algorithmAsked, [NotNullWhen(true)] out string? ha1Found)
        {
            ha1Found = identityAor == aor && realmAsked == realm && algorithmAsked == algorithm ? ha1 : null;
            return ha1Found is not null;
        }
    }
}

using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Tests.Auth;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests;

/// <summary>What a REGISTER gets on the wire from the edge's digest check, with the users of a real credentials file.</summary>
public sealed class EdgeAuthenticationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryFolder folder = new();
    private readonly UserDirectory users;
    private readonly DigestAuthenticator authenticator = new(NonceIssuer.WithRandomSecret(TimeSpan.FromMinutes(5)), new NonceCountTracker());

    public EdgeAuthenticationTests()
    {
        var path = folder.File("users.json");
        UsersFile.Empty.WithUser(StoredUser.Create("sip:bob@example.com", "bob-pw")).Write(path);
        users = new UserDirectory(path, pollInterval: Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        users.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void A_client_gets_one_challenge_per_offered_algorithm_md5_first()
    {
        var edge = new EdgeAuthentication(authenticator, users);

        var response = edge.Check(Register(userAgent: "Linphone/5.2"), "example.com", "sip:bob@example.com", proxy: false, Now).Response!;

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(["MD5", "SHA-256"], response.WwwAuthenticate.Select(c => c.Algorithm));
    }

    [Theory]
    [InlineData("baresip v1.0.0 (x86_64/linux)")]
    [InlineData("baresip v0.6.6 (arm/linux)")]
    [InlineData("JsSIP 3.13.8")]
    public void Baresip_up_to_1x_and_jssip_3x_get_only_the_first_challenge(string userAgent)
    {
        // libre 1.x gives up on the whole 401 ("Function not implemented") when any challenge is not MD5; JsSIP 3.x reads
        // the last challenge and aborts at SHA-256.
        var edge = new EdgeAuthentication(authenticator, users);

        var response = edge.Check(Register(userAgent), "example.com", "sip:bob@example.com", proxy: false, Now).Response!;

        Assert.Equal(["MD5"], response.WwwAuthenticate.Select(c => c.Algorithm));
    }

    [Fact]
    public void Configured_user_agent_prefixes_get_only_the_first_challenge_too()
    {
        var edge = new EdgeAuthentication(authenticator, users, [.. EdgeAuthentication.KnownSingleChallengeUserAgents, "OldPhone/"]);

        var old = edge.Check(Register("oldphone/2.1"), "example.com", "sip:bob@example.com", proxy: false, Now).Response!;
        var newer = edge.Check(Register("baresip v3.10.1"), "example.com", "sip:bob@example.com", proxy: false, Now).Response!;

        Assert.Single(old.WwwAuthenticate);
        Assert.Equal(2, newer.WwwAuthenticate.Count);
    }

    [Fact]
    public void A_wrong_password_is_a_new_challenge_without_stale_and_the_right_one_passes()
    {
        var edge = new EdgeAuthentication(authenticator, users);
        var challenge = edge.Check(Register(), "example.com", "sip:bob@example.com", proxy: false, Now).Response!.WwwAuthenticate[0];

        var wrong = edge.Check(Register(credentials: Answer(challenge, "guess")), "example.com", "sip:bob@example.com", proxy: false, Now);
        var right = edge.Check(Register(credentials: Answer(challenge, "bob-pw")), "example.com", "sip:bob@example.com", proxy: false, Now);

        Assert.Equal(401, wrong.Response!.StatusCode);
        Assert.All(wrong.Response.WwwAuthenticate, c => Assert.False(c.Stale));
        Assert.Null(right.Response);
        Assert.Equal("sip:bob@example.com", right.Identity);
    }

    [Fact]
    public void The_same_wrong_password_on_the_re_challenge_is_403()
    {
        var edge = new EdgeAuthentication(authenticator, users);
        var challenge = edge.Check(Register(), "example.com", "sip:bob@example.com", proxy: false, Now).Response!.WwwAuthenticate[0];
        var rechallenge = edge.Check(Register(credentials: Answer(challenge, "guess")), "example.com", "sip:bob@example.com", proxy: false, Now).Response!.WwwAuthenticate[0];

        var again = edge.Check(Register(credentials: Answer(rechallenge, "guess")), "example.com", "sip:bob@example.com", proxy: false, Now);

        Assert.Equal(403, again.Response!.StatusCode);
        Assert.Equal("Wrong credentials", again.Response.ReasonPhrase);
    }

    [Fact]
    public void Right_credentials_for_another_address_are_403()
    {
        var edge = new EdgeAuthentication(authenticator, users);
        var challenge = edge.Check(Register(), "example.com", "sip:bob@example.com", proxy: false, Now).Response!.WwwAuthenticate[0];

        // RFC 3261 section 10.3 step 5, section 21.4.3: bob is who he says, but may not act for alice.
        var outcome = edge.Check(Register(credentials: Answer(challenge, "bob-pw")), "example.com", "sip:alice@example.com", proxy: false, Now);

        Assert.Equal(403, outcome.Response!.StatusCode);
    }

    private static string Answer(AuthChallenge challenge, string password)
    {
        var response = DigestCalculator.ClientResponse(
            DigestAlgorithm.Md5, "bob", "example.com", password, "REGISTER", "sip:example.com", challenge.Nonce!, "auth", "00000001", "c0ffee");
        return $"Authorization: Digest username=\"bob\", realm=\"example.com\", nonce=\"{challenge.Nonce}\", uri=\"sip:example.com\", " +
               $"response=\"{response}\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"\r\n";
    }

    private static SipRequest Register(string? userAgent = null, string? credentials = null) => TestRequests.Register(
        "Contact: <sip:bob@192.0.2.7:5070>\r\n", (userAgent is null ? string.Empty : $"User-Agent: {userAgent}\r\n") + credentials);
}

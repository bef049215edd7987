using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A nonce from before a restart, against a node with the shipped configuration (a random nonce secret per process):
/// the client knew the password, so it is told stale=true and answers again without asking its user (RFC 2617 section
/// 3.2.1, RFC 7616 section 3.3), where stale=false would tell it the password is wrong.
/// </summary>
public sealed class DigestAcrossRestartTests
{
    [Fact]
    public async Task A_right_answer_to_a_nonce_from_before_a_restart_is_rechallenged_as_stale_then_accepted()
    {
        await using var node = await NodeProcess.StartShippedAsync();
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        var before = (await alice.RegisterAsync(password: null)).WwwAuthenticate[0];

        await node.KillAsync();
        await node.StartAgainAsync();
        var cached = await alice.RequestAsync(
            "REGISTER", "sip:example.com", "<sip:alice@example.com>", null, null,
            $"Contact: <{alice.ContactUri}>", "Expires: 600", "Authorization: " + Answer(before, "alice-secret"));
        var wrongCached = await alice.RequestAsync(
            "REGISTER", "sip:example.com", "<sip:alice@example.com>", null, null,
            $"Contact: <{alice.ContactUri}>", "Expires: 600", "Authorization: " + Answer(before, "not-alice-secret"));
        var again = await alice.RegisterAsync("alice-secret", 600);

        Assert.Equal(401, cached.StatusCode);
        Assert.All(cached.WwwAuthenticate, c => Assert.True(c.Stale));
        Assert.NotEqual(before.Nonce, cached.WwwAuthenticate[0].Nonce);
        Assert.Equal(401, wrongCached.StatusCode);
        Assert.All(wrongCached.WwwAuthenticate, c => Assert.False(c.Stale));
        Assert.Equal(200, again.StatusCode);
    }

    private static string Answer(AuthChallenge challenge, string password)
    {
        var response = DigestCalculator.ClientResponse(
            DigestAlgorithm.Md5, "alice", challenge.Realm!, password, "REGISTER", "sip:example.com", challenge.Nonce!, "auth", "00000001", "5ca1ab1e");
        return $"Digest username=\"alice\", realm=\"{challenge.Realm}\", nonce=\"{challenge.Nonce}\", uri=\"sip:example.com\", " +
               $"response=\"{response}\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"5ca1ab1e\"";
    }
}

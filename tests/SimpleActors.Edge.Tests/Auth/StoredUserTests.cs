using SimpleActors.Edge.Auth;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Tests.Auth;

public class StoredUserTests
{
    [Fact]
    public void A_user_created_from_a_password_keeps_only_its_ha1s()
    {
        var user = StoredUser.Create("sip:alice@example.com", "alice-secret");

        Assert.Equal("sip:alice@example.com", user.Aor);
        Assert.Equal("example.com", user.Realm);
        Assert.Equal("alice", user.Username);
        Assert.Equal(["SHA-256", "MD5"], user.Algorithms);
        Assert.Equal(DigestCalculator.Ha1(DigestAlgorithm.Sha256, "alice", "example.com", "alice-secret"), user.Ha1["SHA-256"]);
        Assert.Equal(DigestCalculator.Ha1(DigestAlgorithm.Md5, "alice", "example.com", "alice-secret"), user.Ha1["MD5"]);
    }

    [Theory]
    [InlineData("sip:alice@EXAMPLE.com", "sip:alice@example.com")]
    [InlineData("sip:alice@example.com:5060;transport=tcp", "sip:alice@example.com")]
    [InlineData("sips:alice@example.com", "sip:alice@example.com")]
    [InlineData("SIP:Alice@example.com", "sip:Alice@example.com")]
    [InlineData("sip:%61lice@example.com", "sip:alice@example.com")]
    public void Aors_are_canonicalised(string aor, string canonical)
    {
        Assert.Equal(canonical, StoredUser.CanonicalAor(aor));
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("sip:example.com")]
    [InlineData("tel:+15551234")]
    [InlineData("sip:alice@[::1]")]
    [InlineData("")]
    public void Anything_but_a_sip_aor_with_a_user_is_refused(string aor)
    {
        Assert.False(StoredUser.TryCanonicalAor(aor, out _));
        Assert.Throws<FormatException>(() => StoredUser.Create(aor, "pw"));
    }
}

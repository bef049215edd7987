using System.Buffers.Text;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Sip.Tests.Auth;

public class NonceIssuerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static NonceIssuer Issuer(string secret = "a secret of at least sixteen bytes") => NonceIssuer.FromSecret(secret, Lifetime);

    [Fact]
    public void A_fresh_nonce_is_valid_until_its_lifetime_ends()
    {
        var issuer = Issuer();
        var nonce = issuer.Issue("example.com", Now);

        Assert.Equal(NonceStatus.Valid, issuer.Check(nonce, "example.com", Now, out var expiresAt));
        Assert.Equal(Now + Lifetime, expiresAt);
        Assert.Equal(NonceStatus.Valid, issuer.Check(nonce, "example.com", Now + Lifetime - TimeSpan.FromTicks(1), out _));
    }

    [Fact]
    public void An_expired_authentic_nonce_is_stale()
    {
        var issuer = Issuer();
        var nonce = issuer.Issue("example.com", Now);

        Assert.Equal(NonceStatus.Stale, issuer.Check(nonce, "example.com", Now + Lifetime, out _));
        Assert.Equal(NonceStatus.Stale, issuer.Check(nonce, "example.com", Now + TimeSpan.FromDays(3), out _));
    }

    [Fact]
    public void The_wrong_credentials_mark_is_signed_and_read_back()
    {
        var issuer = Issuer();
        var marked = issuer.Issue("example.com", Now, afterWrongCredentials: true);
        var plain = issuer.Issue("example.com", Now);

        Assert.Equal(NonceStatus.Valid, issuer.Check(marked, "example.com", Now, out _, out var markedFlag));
        Assert.Equal(NonceStatus.Valid, issuer.Check(plain, "example.com", Now, out _, out var plainFlag));
        Assert.True(markedFlag);
        Assert.False(plainFlag);

        // Flipping the mark breaks the signature.
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(marked);
        bytes[8 + 11] = 0;
        Assert.Equal(NonceStatus.Invalid, issuer.Check(System.Buffers.Text.Base64Url.EncodeToString(bytes), "example.com", Now, out _, out var flag));
        Assert.False(flag);
    }

    [Fact]
    public void Another_node_with_the_same_secret_validates_the_nonce()
    {
        var nonce = Issuer().Issue("example.com", Now);

        Assert.Equal(NonceStatus.Valid, Issuer().Check(nonce, "example.com", Now + TimeSpan.FromSeconds(1), out _));
    }

    [Fact]
    public void A_node_with_another_secret_refuses_the_nonce()
    {
        var nonce = Issuer().Issue("example.com", Now);

        Assert.Equal(NonceStatus.Invalid, Issuer("a different secret, also long").Check(nonce, "example.com", Now, out _));
    }

    [Fact]
    public void A_nonce_is_bound_to_its_realm()
    {
        var issuer = Issuer();
        var nonce = issuer.Issue("example.com", Now);

        Assert.Equal(NonceStatus.Invalid, issuer.Check(nonce, "example.org", Now, out _));
    }

    [Fact]
    public void A_nonce_with_a_forged_issue_time_is_invalid()
    {
        var issuer = Issuer();
        var bytes = Base64Url.DecodeFromChars(issuer.Issue("example.com", Now - TimeSpan.FromHours(1)));
        bytes[7] ^= 0x40; // move the issue time without re-signing

        Assert.Equal(NonceStatus.Invalid, issuer.Check(Base64Url.EncodeToString(bytes), "example.com", Now, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_or_foreign_nonces_are_invalid(string? nonce)
    {
        Assert.Equal(NonceStatus.Invalid, Issuer().Check(nonce, "example.com", Now, out _));
    }

    [Fact]
    public void A_nonce_issued_in_the_future_beyond_clock_skew_is_invalid()
    {
        var issuer = Issuer();
        var nonce = issuer.Issue("example.com", Now + TimeSpan.FromMinutes(2));

        Assert.Equal(NonceStatus.Invalid, issuer.Check(nonce, "example.com", Now, out _));
        Assert.Equal(NonceStatus.Valid, issuer.Check(nonce, "example.com", Now + TimeSpan.FromMinutes(2) - issuer.MaxClockSkew, out _));
    }

    [Fact]
    public void Nonces_are_unique_and_url_safe()
    {
        var issuer = Issuer();
        var nonces = Enumerable.Range(0, 100).Select(_ => issuer.Issue("example.com", Now)).ToList();

        Assert.Equal(100, nonces.Distinct().Count());
        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9_-]+$", n));
    }

    [Fact]
    public void A_short_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NonceIssuer.FromSecret("short", Lifetime));
    }
}

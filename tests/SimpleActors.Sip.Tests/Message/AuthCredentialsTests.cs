using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class AuthCredentialsTests
{
    [Fact]
    public void Digest_challenge_is_parsed()
    {
        var c = AuthChallenge.Parse("Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth,auth-int\",\r\n nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5".Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.True(c.IsDigest);
        Assert.Equal("atlanta.com", c.Realm);
        Assert.Equal("f84f1cec41e6cbe5aea9c8e88d359", c.Nonce);
        Assert.Equal(string.Empty, c.Opaque);
        Assert.Equal("MD5", c.Algorithm);
        Assert.Equal(["auth", "auth-int"], c.QopOptions);
        Assert.False(c.Stale);
        Assert.Equal("sip:ss1.carrier.com", c.Domain);
    }

    [Fact]
    public void Digest_credentials_round_trip()
    {
        const string text = "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        var c = AuthCredentials.Parse(text);
        Assert.Equal("bob", c.Username);
        Assert.Equal("biloxi.com", c.Realm);
        Assert.Equal("sip:bob@biloxi.com", c.Uri);
        Assert.Equal("auth", c.Qop);
        Assert.Equal("00000001", c.NonceCount);
        Assert.Equal("0a4f113b", c.Cnonce);
        Assert.Equal("6629fae49393a05397450978507c4ef1", c.Response);
        Assert.Equal(text, c.ToString());
        Assert.Equal(text, AuthCredentials.Parse(c.ToString()).ToString());
    }

    [Fact]
    public void Parameter_names_are_case_insensitive_and_white_space_is_tolerated()
    {
        var c = AuthCredentials.Parse("digest  USERNAME = \"a\\\"b\" ,REALM=x,, nonce=\"n\"");
        Assert.Equal("a\"b", c.Username);
        Assert.Equal("x", c["realm"]);
        Assert.Equal("digest username=\"a\\\"b\", realm=x, nonce=\"n\"".Replace("username", "USERNAME", StringComparison.Ordinal).Replace("realm", "REALM", StringComparison.Ordinal), c.ToString());
    }

    [Fact]
    public void Built_credentials_quote_what_must_be_quoted()
    {
        var c = new AuthCredentials("Digest", [AuthParameter.Quoted("username", "al\"ice"), AuthParameter.Token("algorithm", "SHA-256")]);
        Assert.Equal("Digest username=\"al\\\"ice\", algorithm=SHA-256", c.ToString());
    }

    [Fact]
    public void Token68_credentials_are_kept()
    {
        var c = AuthCredentials.Parse("Bearer mF_9.B5f-4.1JqM==");
        Assert.Equal("Bearer", c.Scheme);
        Assert.Equal("mF_9.B5f-4.1JqM==", c.Token68);
        Assert.Equal("Bearer mF_9.B5f-4.1JqM==", c.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digest realm")]
    [InlineData("Digest realm=\"x")]
    [InlineData("Digest realm=x nonce=y")]
    [InlineData("Digest realm=")]
    [InlineData("Digest, realm=x")]
    public void Malformed_credentials_are_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => AuthCredentials.Parse(text));
        Assert.Throws<SipParseException>(() => AuthChallenge.Parse(text));
    }
}

using SimpleActors.Sip.Auth;

namespace SimpleActors.Sip.Tests.Auth;

/// <summary>The digest maths against the RFCs' own worked examples.</summary>
public class DigestCalculatorTests
{
    // RFC 7616 section 3.9.1 (HTTP, but the computation is the one SIP uses).
    private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Fact]
    public void Rfc7616_md5_example_gives_its_response()
    {
        var response = DigestCalculator.ClientResponse(
            DigestAlgorithm.Md5, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
            Rfc7616Nonce, "auth", "00000001", Rfc7616Cnonce);

        Assert.Equal("8ca523f5e9506fed4657c9700eebdbec", response);
    }

    [Fact]
    public void Rfc7616_sha256_example_gives_its_response()
    {
        var response = DigestCalculator.ClientResponse(
            DigestAlgorithm.Sha256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
            Rfc7616Nonce, "auth", "00000001", Rfc7616Cnonce);

        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    [Fact]
    public void Rfc2617_md5_example_gives_its_response()
    {
        // RFC 2617 section 3.5.
        var response = DigestCalculator.ClientResponse(
            DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void Response_is_built_from_ha1_and_ha2_as_rfc_7616_section_3_4_1_says()
    {
        var algorithm = DigestAlgorithm.Sha256;
        var ha1 = DigestCalculator.Ha1(algorithm, "alice", "example.com", "alice-secret");
        var ha2 = DigestCalculator.Ha2(algorithm, "REGISTER", "sip:example.com");

        Assert.Equal(algorithm.Hash("alice:example.com:alice-secret"), ha1);
        Assert.Equal(algorithm.Hash("REGISTER:sip:example.com"), ha2);
        Assert.Equal(
            algorithm.Hash($"{ha1}:abc:0000000a:xyz:auth:{ha2}"),
            DigestCalculator.Response(algorithm, ha1, "abc", "0000000a", "xyz", "auth", ha2));
    }

    [Fact]
    public void Sip_register_example_matches_an_independent_computation()
    {
        // Computed with Python's hashlib: md5/sha256 of the same strings.
        var md5 = DigestCalculator.ClientResponse(
            DigestAlgorithm.Md5, "alice", "example.com", "alice-secret", "REGISTER", "sip:example.com", "n0nce", "auth", "00000001", "c0ffee");
        var sha256 = DigestCalculator.ClientResponse(
            DigestAlgorithm.Sha256, "alice", "example.com", "alice-secret", "REGISTER", "sip:example.com", "n0nce", "auth", "00000001", "c0ffee");

        Assert.Equal(ExpectedRegisterMd5, md5);
        Assert.Equal(ExpectedRegisterSha256, sha256);
    }

    [Fact]
    public void Without_qop_the_rfc_2069_form_is_used()
    {
        var algorithm = DigestAlgorithm.Md5;
        var ha1 = algorithm.Hash("bob:example.com:bob-secret");
        var ha2 = algorithm.Hash("SUBSCRIBE:sip:alice@example.com");

        var response = DigestCalculator.ClientResponse(algorithm, "bob", "example.com", "bob-secret", "SUBSCRIBE", "sip:alice@example.com", "n", qop: null);

        Assert.Equal(algorithm.Hash($"{ha1}:n:{ha2}"), response);
    }

    [Fact]
    public void Session_variants_hash_the_stored_ha1_with_nonce_and_cnonce()
    {
        var stored = DigestCalculator.Ha1(DigestAlgorithm.Sha256, "alice", "example.com", "alice-secret");

        var sessionHa1 = DigestCalculator.SessionHa1(DigestAlgorithm.Sha256Session, stored, "n", "c");

        Assert.Equal(DigestAlgorithm.Sha256.Hash($"{stored}:n:c"), sessionHa1);
        Assert.Same(DigestAlgorithm.Sha256, DigestAlgorithm.Sha256Session.Base);
        Assert.Same(DigestAlgorithm.Md5, DigestAlgorithm.Md5Session.Base);
    }

    [Theory]
    [InlineData(null, "MD5")]
    [InlineData("md5", "MD5")]
    [InlineData("SHA-256", "SHA-256")]
    [InlineData("sha-256-SESS", "SHA-256-sess")]
    [InlineData("MD5-sess", "MD5-sess")]
    public void Algorithm_names_parse_case_insensitively_and_absent_means_md5(string? name, string expected)
    {
        Assert.True(DigestAlgorithm.TryParse(name, out var algorithm));
        Assert.Equal(expected, algorithm.Name);
    }

    [Theory]
    [InlineData("SHA-512-256")]
    [InlineData("AKAv1-MD5")]
    [InlineData("")]
    public void Unknown_algorithms_do_not_parse(string name)
    {
        Assert.False(DigestAlgorithm.TryParse(name, out _));
    }

    private const string ExpectedRegisterMd5 = "0aedae405818f427bcde20c5eca60ad8";
    private const string ExpectedRegisterSha256 = "7b2ae5f101562c635c80013caa5ac925ac23c03953375c8b01d40515087d9a3f";
}

using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

public class UriCanonicalFormTests
{
    // RFC 3261 section 19.1.4: equal pairs.
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("SIP:carol@chicago.com", "sip:carol@CHICAGO.com")]
    [InlineData("sip:carol@chicago.com;security=on;transport=tcp", "sip:carol@chicago.com;transport=tcp;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    [InlineData("http://XCAP.example.com/a%7eb", "http://xcap.example.com/a~b")]
    [InlineData("tel:+1-212-555-1234", "TEL:+1-212-555-1234")]
    public void Equal_uris_have_one_canonical_form(string a, string b) => Assert.True(UriCanonicalForm.AreEqual(a, b));

    // RFC 3261 section 19.1.4: unequal pairs.
    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:carol@chicago.com", "sips:carol@chicago.com")]
    [InlineData("sip:alice@atlanta.com", "sip:alice@atlanta.com?subject=x")]
    public void Different_uris_have_different_canonical_forms(string a, string b) => Assert.False(UriCanonicalForm.AreEqual(a, b));
}

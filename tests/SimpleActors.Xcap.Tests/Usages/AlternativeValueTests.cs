using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

public class AlternativeValueTests
{
    [Theory]
    [InlineData("friends", "friends-3")]
    [InlineData("friends-2", "friends-3")]
    [InlineData("family", "family-2")]
    [InlineData("a-b", "a-b-2")]
    public void A_name_gets_the_next_free_number(string name, string expected)
    {
        HashSet<string> taken = ["friends", "friends-2", "a-b"];
        Assert.Equal(expected, AlternativeValue.ForName(name, taken.Contains));
    }

    [Theory]
    [InlineData("sip:buddies@example.com", "sip:buddies-2@example.com")]
    [InlineData("sips:buddies@example.com;transport=tls", "sips:buddies-2@example.com;transport=tls")]
    [InlineData("sip:+12125551234;npdi@example.com;user=phone", "sip:+12125551234-2;npdi@example.com;user=phone")]
    public void A_uri_gets_the_number_in_its_user_part(string uri, string expected) =>
        Assert.Equal(expected, AlternativeValue.ForUri(uri, static _ => false));

    [Theory]
    [InlineData("sip:example.com")]
    [InlineData("tel:+1-212-555-1234")]
    public void A_uri_without_a_user_part_gets_none(string uri) => Assert.Null(AlternativeValue.ForUri(uri, static _ => false));
}

using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

public class AcceptTypesTests
{
    [Theory]
    [InlineData("*", "text/plain", true)]
    [InlineData("*", "*", true)]
    [InlineData("*/*", "image/png", true)]
    [InlineData("text/*", "text/plain", true)]
    [InlineData("text/*", "TEXT/HTML", true)]
    [InlineData("text/*", "text/*", true)]
    [InlineData("text/*", "image/png", false)]
    [InlineData("text/*", "*", false)]
    [InlineData("text/plain", "text/plain", true)]
    [InlineData("Text/Plain", "text/plain", true)]
    [InlineData("text/plain", "text/plain;charset=UTF-8", true)]
    [InlineData("text/plain", " text/plain ; charset=UTF-8", true)]
    [InlineData("text/plain", "text/html", false)]
    [InlineData("text/plain", "text/*", false)]
    [InlineData("text/plain", "*", false)]
    [InlineData("message/cpim", "message/CPIM", true)]
    [InlineData("application/im-iscomposing+xml", "application/im-iscomposing+xml", true)]
    [InlineData("text", "text", false)]
    [InlineData("*/plain", "text/plain", false)]
    [InlineData("text/plain", "", false)]
    [InlineData("te xt/plain", "te xt/plain", false)]
    public void Wildcard_matching(string range, string mediaType, bool covered)
        => Assert.Equal(covered, AcceptTypes.Covers(range, mediaType));

    [Theory]
    // accept-types                         accept-wrapped-types              type                  how
    [InlineData("text/plain", "", "text/plain", MessageAcceptance.Direct)]
    [InlineData("text/plain", "", "text/html", MessageAcceptance.NotAccepted)]
    [InlineData("*", "", "application/octet-stream", MessageAcceptance.Direct)]
    [InlineData("message/cpim", "text/plain", "text/plain", MessageAcceptance.WrappedInCpim)]
    [InlineData("message/cpim", "*", "image/png", MessageAcceptance.WrappedInCpim)]
    [InlineData("message/cpim", "text/*", "image/png", MessageAcceptance.NotAccepted)]
    [InlineData("message/cpim", "", "text/plain", MessageAcceptance.NotAccepted)]
    [InlineData("message/cpim", "", "message/cpim", MessageAcceptance.Direct)]
    [InlineData("text/plain", "text/html", "text/html", MessageAcceptance.NotAccepted)]
    [InlineData("message/cpim text/*", "image/*", "text/html", MessageAcceptance.Direct)]
    [InlineData("message/cpim text/*", "image/*", "image/jpeg;name=x", MessageAcceptance.WrappedInCpim)]
    [InlineData("message/*", "text/plain", "text/plain", MessageAcceptance.WrappedInCpim)]
    public void A_peer_takes_a_type_directly_or_wrapped_in_cpim(string acceptTypes, string wrappedTypes, string mediaType, MessageAcceptance expected)
        => Assert.Equal(expected, AcceptTypes.Check(acceptTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries), wrappedTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries), mediaType));

    [Theory]
    // preferred (ours)                           other (theirs)                          common
    [InlineData("text/plain message/cpim", "message/cpim text/plain text/html", "text/plain message/cpim")]
    [InlineData("*", "text/plain message/cpim", "text/plain message/cpim")]
    [InlineData("message/cpim text/plain", "*", "message/cpim text/plain")]
    [InlineData("text/*", "text/plain image/png text/html", "text/plain text/html")]
    [InlineData("text/plain text/html", "text/*", "text/plain text/html")]
    [InlineData("text/*", "text/*", "text/*")]
    [InlineData("*", "*", "*")]
    [InlineData("text/plain TEXT/PLAIN", "text/plain", "text/plain")]
    [InlineData("image/png", "text/plain message/cpim", "")]
    public void Intersection_keeps_our_order_and_the_narrower_entry(string preferred, string other, string expected)
        => Assert.Equal(
            expected.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            AcceptTypes.Intersect(preferred.Split(' '), other.Split(' ')));
}

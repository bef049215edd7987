using System.Xml.Linq;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

public class XcapErrorSchemaTests
{
    [Fact]
    public void A_uniqueness_failure_body_of_RFC_4825_section_11_validates() =>
        Assert.Null(XcapSchemas.XcapError.FirstError(XDocument.Parse("""
            <xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error">
              <uniqueness-failure>
                <exists field="rls-services/service/@uri">
                  <alt-value>sip:mybuddies@example.com</alt-value>
                </exists>
              </uniqueness-failure>
            </xcap-error>
            """)));

    [Fact]
    public void A_body_with_two_conflicts_is_rejected() =>
        Assert.NotNull(XcapSchemas.XcapError.FirstError(XDocument.Parse("""
            <xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error"><not-well-formed/><constraint-failure/></xcap-error>
            """)));
}

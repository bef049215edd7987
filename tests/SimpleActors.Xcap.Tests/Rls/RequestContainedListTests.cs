using System.Text;
using SimpleActors.Xcap.Rls;

namespace SimpleActors.Xcap.Tests.Rls;

public class RequestContainedListTests
{
    /// <summary>After RFC 5367's example SUBSCRIBE body (reconstructed): three presentities, one with copyControl.</summary>
    private const string Rfc5367Body = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"
                        xmlns:cp="urn:ietf:params:xml:ns:copycontrol">
          <list>
            <entry uri="sip:bill@example.com" cp:copyControl="to"/>
            <entry uri="sip:randy@example.net"/>
            <entry uri="sip:joe@example.org"/>
          </list>
        </resource-lists>
        """;

    [Fact]
    public void The_rfc_5367_example_body_is_read_and_resolved()
    {
        var list = RequestContainedList.Read(Encoding.UTF8.GetBytes(Rfc5367Body), "application/resource-lists+xml", "recipient-list");

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(list, null));

        Assert.Equal(["sip:bill@example.com", "sip:randy@example.net", "sip:joe@example.org"], resolved.Entries.Select(e => e.Uri));
        Assert.Equal(["presence"], resolved.Packages);
    }

    [Fact]
    public void Header_values_compare_without_case_and_parameters()
    {
        var list = RequestContainedList.Read(Encoding.UTF8.GetBytes(Rfc5367Body), "Application/Resource-Lists+XML; charset=UTF-8", "Recipient-List;handling=required");

        Assert.Single(list.Lists);
    }

    [Theory]
    [InlineData("application/pidf+xml", "recipient-list", 415)]
    [InlineData(null, "recipient-list", 415)]
    [InlineData("application/resource-lists+xml", "render", 415)]
    [InlineData("application/resource-lists+xml", null, 415)]
    public void Wrong_type_or_disposition_is_415(string? contentType, string? disposition, int status)
    {
        var e = Assert.Throws<ResourceListException>(() => RequestContainedList.Read(Encoding.UTF8.GetBytes(Rfc5367Body), contentType, disposition));
        Assert.Equal(status, e.StatusCode);
    }

    [Theory]
    [InlineData("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>")]
    [InlineData("<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\"/>")]
    [InlineData("<!DOCTYPE a [<!ENTITY b \"c\">]><resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>")]
    [InlineData("")]
    public void A_malformed_body_is_400(string body)
    {
        var e = Assert.Throws<ResourceListException>(() => RequestContainedList.Read(Encoding.UTF8.GetBytes(body), "application/resource-lists+xml", "recipient-list"));
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void A_body_over_the_limit_is_413()
    {
        var e = Assert.Throws<ResourceListException>(() => RequestContainedList.Read(
            Encoding.UTF8.GetBytes(Rfc5367Body), "application/resource-lists+xml", "recipient-list", new XcapLimits { MaxDocumentBytes = 100 }));
        Assert.Equal(413, e.StatusCode);
    }

    [Fact]
    public void A_malformed_rls_services_document_is_refused_with_the_typed_error()
    {
        Assert.Throws<ResourceListException>(() => RlsServices.Read(Encoding.UTF8.GetBytes("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>")));
        Assert.Throws<ResourceListException>(() => RlsServices.Read(Encoding.UTF8.GetBytes("<rls-services")));
    }
}

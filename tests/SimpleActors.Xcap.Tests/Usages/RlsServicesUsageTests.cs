using System.Xml.Linq;
using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;
using static SimpleActors.Xcap.Tests.Usages.UsageAssert;

namespace SimpleActors.Xcap.Tests.Usages;

public class RlsServicesUsageTests
{
    private static readonly RlsServicesUsage Usage = RlsServicesUsage.Instance;

    private const string ListUri = "http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d";

    private static string Doc(string services) => $"""
        <rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">{services}</rls-services>
        """;

    private static string Service(string uri, string content = $"<resource-list>{ListUri}</resource-list>") =>
        $"""<service uri="{uri}">{content}<packages><package>presence</package></packages></service>""";

    [Fact]
    public void The_RFC_4826_example_document_is_valid() => Valid(Usage, RfcExamples.RlsServices);

    [Fact]
    public void A_service_with_both_list_and_resource_list_is_a_schema_error() =>
        Fails(Usage, Doc(Service("sip:a@example.com", $"<resource-list>{ListUri}</resource-list><list/>")), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void A_service_without_uri_is_a_schema_error() =>
        Fails(Usage, Doc($"<service><resource-list>{ListUri}</resource-list></service>"), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void Two_services_with_one_uri_fail_uniqueness_with_an_alternative_uri()
    {
        var field = NotUnique(Usage, Doc(Service("sip:mybuddies@example.com") + Service("sip:mybuddies@Example.COM")));
        Assert.Equal("rls-services/service[2]/@uri", field.Field);
        Assert.Equal(["sip:mybuddies-2@Example.COM"], field.AlternativeValues);
    }

    [Fact]
    public void Lists_inside_services_follow_the_resource_lists_uniqueness_rules()
    {
        var list = """<list name="m"><rl:entry uri="sip:joe@example.com"/><rl:entry uri="sip:joe@example.com"/></list>""";
        var field = NotUnique(Usage, Doc(Service("sip:m@example.com", list)));
        Assert.Equal("rls-services/service/list/rl:entry[2]/@uri", field.Field);
        Assert.Equal(["sip:joe-2@example.com"], field.AlternativeValues);
    }

    [Fact]
    public void Nested_lists_inside_services_follow_the_resource_lists_uniqueness_rules()
    {
        var list = """<list><rl:list name="x"/><rl:list name="x"/></list>""";
        var field = NotUnique(Usage, Doc(Service("sip:m@example.com", list)));
        Assert.Equal("rls-services/service/list/rl:list[2]/@name", field.Field);
    }

    [Theory]
    [InlineData("resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list")]
    [InlineData("sip:list@example.com")]
    [InlineData("http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list/entry")]
    public void A_resource_list_that_is_not_an_absolute_http_uri_of_a_list_fails_the_constraint(string uri)
    {
        var error = Fails(Usage, Doc(Service("sip:m@example.com", $"<resource-list>{uri}</resource-list>")), XcapErrorKind.ConstraintFailure);
        Assert.Contains("resource-list", error.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void References_inside_service_lists_follow_the_resource_lists_constraints() =>
        Fails(Usage, Doc(Service("sip:m@example.com", """<list><rl:entry-ref ref="/resource-lists/users/x/index/~~/resource-lists/list/entry"/></list>""")), XcapErrorKind.ConstraintFailure);

    [Fact]
    public void Service_uris_are_read_from_a_document() =>
        Assert.Equal(["sip:mybuddies@example.com", "sip:marketing@example.com"], RlsServicesUsage.ServiceUris(XDocument.Parse(RfcExamples.RlsServices)));

    [Fact]
    public void A_document_of_another_usage_has_no_service_uris() =>
        Assert.Empty(RlsServicesUsage.ServiceUris(XDocument.Parse(RfcExamples.ResourceLists)));

    [Fact]
    public void The_usage_describes_itself_as_RFC_4826_section_4_4_says()
    {
        Assert.Equal("rls-services", Usage.Auid);
        Assert.Equal("application/rls-services+xml", Usage.MimeType);
        Assert.Equal("urn:ietf:params:xml:ns:rls-services", Usage.DefaultNamespace);
        Assert.Equal(GlobalAccess.ReadByPrivileged, Usage.GlobalTree);
        Assert.True(Usage.AllowsUserTree);
        Assert.Contains(XcapNamespaces.ResourceLists, Usage.Namespaces);
    }
}

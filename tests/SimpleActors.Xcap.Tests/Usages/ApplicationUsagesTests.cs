using System.Xml.Linq;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

public class ApplicationUsagesTests
{
    [Theory]
    [InlineData("xcap-caps")]
    [InlineData("resource-lists")]
    [InlineData("rls-services")]
    [InlineData("pres-rules")]
    [InlineData("org.openmobilealliance.pres-rules")]
    [InlineData("pidf-manipulation")]
    [InlineData("org.openmobilealliance.xcap-directory")]
    public void Each_supported_AUID_is_found(string auid) => Assert.Equal(auid, ApplicationUsages.Find(auid)?.Auid);

    [Theory]
    [InlineData("Resource-Lists")]
    [InlineData("watchers")]
    [InlineData("")]
    public void An_unknown_AUID_is_not_found(string auid) => Assert.Null(ApplicationUsages.Find(auid));

    [Fact]
    public void AUIDs_are_unique() =>
        Assert.Equal(ApplicationUsages.All.Count, ApplicationUsages.All.Select(static u => u.Auid).Distinct().Count());

    [Fact]
    public void Every_usage_has_a_tree_for_its_documents() =>
        Assert.All(ApplicationUsages.All, static u => Assert.True(u.AllowsUserTree || u.GlobalTree != GlobalAccess.None));

    [Fact]
    public void Every_schema_set_compiles()
    {
        Assert.NotEmpty(XcapSchemas.XcapCaps.Namespaces);
        Assert.NotEmpty(XcapSchemas.XcapError.Namespaces);
        Assert.NotEmpty(XcapSchemas.ResourceLists.Namespaces);
        Assert.Equal([XcapNamespaces.ResourceLists, XcapNamespaces.RlsServices], XcapSchemas.RlsServices.Namespaces.Order());
        Assert.Equal([XcapNamespaces.CommonPolicy, XcapNamespaces.PresRules], XcapSchemas.PresRules.Namespaces.Order());
        Assert.Equal([XcapNamespaces.Pidf, XcapNamespaces.PidfDataModel], XcapSchemas.Pidf.Namespaces.Order());
        Assert.NotEmpty(XcapSchemas.XcapDirectory.Namespaces);
    }

    [Fact]
    public void A_schema_location_in_a_document_is_never_fetched()
    {
        // An unreachable location: validation must neither fetch it nor fail on it.
        var document = XDocument.Parse("""
            <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="urn:example:x http://127.0.0.1:9/x.xsd">
              <list name="a"><x:y xmlns:x="urn:example:x"/></list>
            </resource-lists>
            """);
        Assert.Null(ResourceListsUsage.Instance.Validate(document, new XcapDocumentSelector("resource-lists", "sip:a@example.com", "index")));
    }

    [Fact]
    public void Documents_validate_concurrently()
    {
        var results = new bool[64];
        Parallel.For(0, results.Length, i =>
        {
            var usage = (i % 2 == 0 ? (IApplicationUsage)ResourceListsUsage.Instance : RlsServicesUsage.Instance);
            var xml = i % 2 == 0 ? RfcExamples.ResourceLists : RfcExamples.RlsServices;
            results[i] = usage.Validate(XDocument.Parse(xml), new XcapDocumentSelector(usage.Auid, "sip:a@example.com", "index")) is null;
        });
        Assert.All(results, Assert.True);
    }
}

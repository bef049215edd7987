using System.Xml.Linq;
using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

public class XcapCapsDocumentTests
{
    private static readonly XNamespace Ns = XcapNamespaces.XcapCaps;
    private static readonly XcapDocumentSelector Global = new("xcap-caps", null, "index");

    private static List<string> Values(XDocument document, string name) => [.. document.Descendants(Ns + name).Select(static e => e.Value)];

    [Fact]
    public void The_document_of_every_usage_validates_against_the_xcap_caps_schema() =>
        Assert.Null(XcapCapsUsage.Instance.Validate(XcapCapsDocument.Write(ApplicationUsages.All), Global));

    [Fact]
    public void The_document_with_extensions_validates_against_the_xcap_caps_schema()
    {
        var document = XcapCapsDocument.Write(ApplicationUsages.All, ["xcap-diff"]);
        Assert.Null(XcapCapsUsage.Instance.Validate(document, Global));
        Assert.Equal(["xcap-diff"], Values(document, "extension"));
    }

    [Fact]
    public void Every_AUID_is_listed_including_those_Blink_requires()
    {
        var auids = Values(XcapCapsDocument.Write(ApplicationUsages.All), "auid");
        Assert.Equal(ApplicationUsages.All.Select(static u => u.Auid), auids);
        Assert.Contains("resource-lists", auids);
        Assert.Contains("rls-services", auids);
        Assert.Contains("pres-rules", auids);
        Assert.Contains("org.openmobilealliance.pres-rules", auids);
    }

    [Fact]
    public void Every_namespace_is_listed_once()
    {
        var namespaces = Values(XcapCapsDocument.Write(ApplicationUsages.All), "namespace");
        Assert.Equal(namespaces.Distinct(), namespaces);
        Assert.Contains(XcapNamespaces.ResourceLists, namespaces);
        Assert.Contains(XcapNamespaces.RlsServices, namespaces);
        Assert.Contains(XcapNamespaces.CommonPolicy, namespaces);
        Assert.Contains(XcapNamespaces.PresRules, namespaces);
        Assert.Contains(XcapNamespaces.Pidf, namespaces);
        Assert.Contains(XcapNamespaces.PidfDataModel, namespaces);
        Assert.Contains(XcapNamespaces.XcapCaps, namespaces);
        Assert.Contains(XcapNamespaces.XcapDirectory, namespaces);
    }

    [Fact]
    public void An_xcap_caps_document_without_namespaces_is_a_schema_error()
    {
        var error = XcapCapsUsage.Instance.Validate(XDocument.Parse("""<xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps"><auids/></xcap-caps>"""), Global);
        Assert.Equal(XcapErrorKind.SchemaValidationError, error?.Kind);
    }

    [Fact]
    public void The_usage_is_global_read_only_and_server_written()
    {
        var usage = XcapCapsUsage.Instance;
        Assert.Equal("xcap-caps", usage.Auid);
        Assert.Equal("application/xcap-caps+xml", usage.MimeType);
        Assert.Equal(XcapNamespaces.XcapCaps, usage.DefaultNamespace);
        Assert.True(usage.ServerWritten);
        Assert.False(usage.AllowsUserTree);
        Assert.Equal(GlobalAccess.ReadByAll, usage.GlobalTree);
    }
}

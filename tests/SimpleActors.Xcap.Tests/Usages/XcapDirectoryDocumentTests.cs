using System.Xml.Linq;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

public class XcapDirectoryDocumentTests
{
    private static readonly XNamespace Ns = XcapNamespaces.XcapDirectory;
    private static readonly XcapDocumentSelector Selector = new("org.openmobilealliance.xcap-directory", "sip:joe@example.com", "directory.xml");

    private static readonly (string Auid, string Uri, string ETag)[] Documents =
    [
        ("resource-lists", "http://xcap.example.com/resource-lists/users/sip:joe@example.com/index", "\"e1\""),
        ("pres-rules", "http://xcap.example.com/pres-rules/users/sip:joe@example.com/index", "\"e2\""),
        ("resource-lists", "http://xcap.example.com/resource-lists/users/sip:joe@example.com/work", "\"e3\""),
    ];

    [Fact]
    public void The_document_validates_against_the_xcap_directory_schema() =>
        Assert.Null(XcapDirectoryUsage.Instance.Validate(XcapDirectoryDocument.Write(Documents), Selector));

    [Fact]
    public void An_empty_directory_validates() =>
        Assert.Null(XcapDirectoryUsage.Instance.Validate(XcapDirectoryDocument.Write([]), Selector));

    [Fact]
    public void Documents_are_grouped_in_one_folder_per_AUID_in_order_of_appearance()
    {
        var folders = XcapDirectoryDocument.Write(Documents).Root!.Elements(Ns + "folder").ToList();
        Assert.Equal(["resource-lists", "pres-rules"], folders.Select(static f => (string?)f.Attribute("auid")));
        var entries = folders[0].Elements(Ns + "entry").ToList();
        Assert.Equal([Documents[0].Uri, Documents[2].Uri], entries.Select(static e => (string?)e.Attribute("uri")));
        Assert.Equal(["\"e1\"", "\"e3\""], entries.Select(static e => (string?)e.Attribute("etag")));
    }

    [Fact]
    public void The_usage_is_per_user_server_written_directory_xml()
    {
        var usage = XcapDirectoryUsage.Instance;
        Assert.Equal("org.openmobilealliance.xcap-directory", usage.Auid);
        Assert.Equal("application/vnd.oma.xcap-directory+xml", usage.MimeType);
        Assert.Equal("urn:oma:xml:xdm:xcap-directory", usage.DefaultNamespace);
        Assert.Equal("directory.xml", usage.DefaultDocumentName);
        Assert.True(usage.ServerWritten);
        Assert.True(usage.AllowsUserTree);
        Assert.Equal(GlobalAccess.None, usage.GlobalTree);
    }
}

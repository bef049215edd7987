using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// OMA XDM's xcap-directory: the list of one user's documents in every usage, <c>users/&lt;xui&gt;/directory.xml</c>,
/// which the server writes (<see cref="XcapDirectoryDocument"/>) and the user reads. No global documents.
/// </summary>
public sealed class XcapDirectoryUsage : ApplicationUsage
{
    public static XcapDirectoryUsage Instance { get; } = new();

    private XcapDirectoryUsage()
    {
    }

    public override string Auid => "org.openmobilealliance.xcap-directory";

    public override string MimeType => "application/vnd.oma.xcap-directory+xml";

    public override string DefaultNamespace => XcapNamespaces.XcapDirectory;

    public override bool ServerWritten => true;

    public override string DefaultDocumentName => "directory.xml";

    public override XName RootElement { get; } = XName.Get("xcap-directory", XcapNamespaces.XcapDirectory);

    public override XcapSchemaSet Schemas => XcapSchemas.XcapDirectory;
}

using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// xcap-caps (RFC 4825 section 12): the server's capabilities, one global document <c>xcap-caps/global/index</c> that the
/// server writes (<see cref="XcapCapsDocument"/>) and every user reads.
/// </summary>
public sealed class XcapCapsUsage : ApplicationUsage
{
    public static XcapCapsUsage Instance { get; } = new();

    private XcapCapsUsage()
    {
    }

    public override string Auid => "xcap-caps";

    public override string MimeType => "application/xcap-caps+xml";

    public override string DefaultNamespace => XcapNamespaces.XcapCaps;

    public override bool ServerWritten => true;

    public override GlobalAccess GlobalTree => GlobalAccess.ReadByAll;

    public override bool AllowsUserTree => false;

    public override XName RootElement { get; } = XName.Get("xcap-caps", XcapNamespaces.XcapCaps);

    public override XcapSchemaSet Schemas => XcapSchemas.XcapCaps;
}

using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// An XCAP application usage (RFC 4825 section 5): what its documents are (AUID, MIME type, default namespace, schema), who
/// may use them, and the checks a document must pass after every change (schema, uniqueness, other constraints; RFC 4825
/// section 8.2.5). Registered by AUID in <see cref="ApplicationUsages"/>.
/// </summary>
public interface IApplicationUsage
{
    /// <summary>The application unique id (RFC 4825 section 5.1), e.g. <c>resource-lists</c>.</summary>
    string Auid { get; }

    /// <summary>The MIME type of its documents (RFC 4825 section 5.4), e.g. <c>application/resource-lists+xml</c>.</summary>
    string MimeType { get; }

    /// <summary>The namespace unprefixed element names of a node selector are in (RFC 4825 section 5.2).</summary>
    string DefaultNamespace { get; }

    /// <summary>The server writes its documents; clients only read them (PUT and DELETE get 405 with <c>Allow: GET, HEAD</c>).</summary>
    bool ServerWritten { get; }

    /// <summary>Who may use the global tree (RFC 4825 section 5.7).</summary>
    GlobalAccess GlobalTree { get; }

    /// <summary>
    /// Its documents may live in users' trees (<c>&lt;auid&gt;/users/&lt;xui&gt;/...</c>). With <see cref="GlobalTree"/>
    /// this says where documents may live: users' trees, the global tree, or both. A request for a tree the usage does not
    /// have gets 404.
    /// </summary>
    bool AllowsUserTree => true;

    /// <summary>The conventional document name (RFC 4825 section 5.5), e.g. <c>index</c>; other names are allowed.</summary>
    string DefaultDocumentName => "index";

    /// <summary>Every namespace its documents use that the server understands (listed in xcap-caps, RFC 4825 section 12).</summary>
    IReadOnlyList<string> Namespaces => [DefaultNamespace];

    /// <summary>
    /// Checks a whole document after a change, in the order of RFC 4825 section 8.2.5: the schema, then uniqueness, then
    /// the other constraints. Null when it passes, else the one error of the 409 body.
    /// </summary>
    XcapError? Validate(XDocument document, XcapDocumentSelector selector);
}

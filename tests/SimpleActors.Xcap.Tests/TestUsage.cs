using System.Xml.Linq;
using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests;

/// <summary>A small application usage for the tests: no schema, an optional check run after every change.</summary>
internal sealed class TestUsage(
    string auid,
    string mimeType,
    string defaultNamespace,
    Func<XDocument, XcapError?>? validate = null,
    bool serverWritten = false,
    GlobalAccess globalTree = GlobalAccess.None) : IApplicationUsage
{
    /// <summary>A resource-lists-like usage (RFC 4826) without its schema.</summary>
    public static TestUsage ResourceLists(Func<XDocument, XcapError?>? validate = null) =>
        new("resource-lists", "application/resource-lists+xml", "urn:ietf:params:xml:ns:resource-lists", validate);

    /// <summary>The "test" usage of the RFC 4825 section 8.2.3 examples.</summary>
    public static TestUsage Test { get; } = new("test", "application/test+xml", "urn:test:default-namespace");

    public string Auid { get; } = auid;

    public string MimeType { get; } = mimeType;

    public string DefaultNamespace { get; } = defaultNamespace;

    public bool ServerWritten { get; } = serverWritten;

    public GlobalAccess GlobalTree { get; } = globalTree;

    public XcapError? Validate(XDocument document, XcapDocumentSelector selector) => validate?.Invoke(document);
}

using System.Xml.Linq;

namespace SimpleActors.Presence.Patch;

/// <summary>
/// An XML patch (RFC 5261) could not be applied: the <see cref="Kind"/> names the error element of RFC 5261
/// section 5.1, <see cref="Phrase"/> says what was wrong, <see cref="Operation"/> is the failing directive.
/// <see cref="PatchErrorDocument.Create"/> turns it into the <c>patch-ops-error</c> document.
/// </summary>
public sealed class XmlPatchException : Exception
{
    public XmlPatchException(PatchErrorKind kind, string phrase, XElement? operation = null)
        : base($"{PatchErrorDocument.ElementName(kind)}: {phrase}")
    {
        Kind = kind;
        Phrase = phrase;
        Operation = operation is null ? null : Shallow(operation);
    }

    public XmlPatchException()
        : this(PatchErrorKind.InvalidDiffFormat, "Bad XML patch")
    {
    }

    public XmlPatchException(string message)
        : this(PatchErrorKind.InvalidDiffFormat, message)
    {
    }

    public XmlPatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = PatchErrorKind.InvalidDiffFormat;
        Phrase = message;
    }

    public PatchErrorKind Kind { get; }

    /// <summary>Short, free of document content, fit for the error document's 'phrase' attribute.</summary>
    public string Phrase { get; }

    /// <summary>
    /// The directive that failed: a copy of the operation element with its attributes and the namespace
    /// declarations in scope, without its content. Null when the failure is not tied to one directive.
    /// </summary>
    public XElement? Operation { get; }

    /// <summary>The error element's local name, e.g. <c>unlocated-node</c>.</summary>
    public string ElementName => PatchErrorDocument.ElementName(Kind);

    private static XElement Shallow(XElement operation)
    {
        var copy = new XElement(operation.Name, operation.Attributes());
        XmlPatch.DeclareInScopeNamespaces(copy, operation);
        return copy;
    }
}

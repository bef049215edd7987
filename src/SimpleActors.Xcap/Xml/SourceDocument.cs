using System.Text;
using System.Xml.Linq;

namespace SimpleActors.Xcap.Xml;

/// <summary>
/// A stored XCAP document as text plus a tree over it: the tree (<see cref="Tree"/>) evaluates node selectors and feeds the
/// usage's validation; the text positions of every element and attribute (<see cref="Locate(XElement)"/>) let a GET return
/// an element exactly as stored and a PUT or DELETE splice the text, so that everything the request does not touch
/// (prefixes, quotes, comments, white space, references) stays byte for byte.
/// </summary>
internal sealed class SourceDocument
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly Dictionary<XElement, SourceElement> _elements;

    public SourceDocument(string text, bool hasBom, XDocument tree, Dictionary<XElement, SourceElement> elements)
    {
        Text = text;
        HasBom = hasBom;
        Tree = tree;
        _elements = elements;
    }

    /// <summary>The document without its byte order mark.</summary>
    public string Text { get; }

    /// <summary>The stored bytes began with a UTF-8 byte order mark (kept when written back).</summary>
    public bool HasBom { get; }

    public XDocument Tree { get; }

    public SourceElement Locate(XElement element) => _elements[element];

    public SourceAttribute Locate(XAttribute attribute)
    {
        var parent = attribute.Parent ?? throw new ArgumentException("a detached attribute", nameof(attribute));
        var index = 0;
        foreach (var a in parent.Attributes())
        {
            if (a == attribute)
            {
                return _elements[parent].Attributes[index];
            }

            index++;
        }

        throw new ArgumentException("the attribute is not in this document", nameof(attribute));
    }

    /// <summary>The element as stored, from its start tag to its end tag.</summary>
    public string TextOf(XElement element)
    {
        var source = Locate(element);
        return Text.Substring(source.Start, source.Length);
    }

    /// <summary>The attribute's value as stored between its quotes (an escaped AttValue, RFC 4825 section 8.3).</summary>
    public string TextOf(XAttribute attribute)
    {
        var source = Locate(attribute);
        return Text[source.ValueStart..source.ValueEnd];
    }

    public byte[] ToBytes() => ToBytes(Text, HasBom);

    public static byte[] ToBytes(string text, bool hasBom)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var bytes = new byte[length + (hasBom ? Bom.Length : 0)];
        if (hasBom)
        {
            Bom.CopyTo(bytes, 0);
        }

        Encoding.UTF8.GetBytes(text, bytes.AsSpan(hasBom ? Bom.Length : 0));
        return bytes;
    }
}

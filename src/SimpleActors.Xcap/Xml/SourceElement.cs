namespace SimpleActors.Xcap.Xml;

/// <summary>
/// Where one element is in the document text: its start tag <c>[Start, StartTagEnd)</c>, its end tag
/// <c>[EndTagStart, End)</c> (the same as the start tag's end for <c>&lt;a/&gt;</c>), its name as written and its
/// attributes in source order.
/// </summary>
internal sealed class SourceElement
{
    public int Start { get; init; }

    public int StartTagEnd { get; set; }

    public int EndTagStart { get; set; }

    public int End { get; set; }

    public bool SelfClosing { get; set; }

    public string QName { get; init; } = string.Empty;

    public List<SourceAttribute> Attributes { get; } = [];

    public int Length => End - Start;
}

namespace SimpleActors.Xcap.Xml;

/// <summary>
/// Where one attribute (or namespace declaration) of a start tag is in the document text: <c> name="value"</c>, from the
/// white space before it to the closing quote.
/// </summary>
internal sealed record SourceAttribute(int SpaceStart, int NameStart, string QName, int ValueStart, int ValueEnd, char Quote)
{
    /// <summary>Just after the closing quote.</summary>
    public int End => ValueEnd + 1;
}

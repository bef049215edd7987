namespace SimpleActors.Xcap.Xml;

/// <summary>
/// Finds the start and end tags of a document that <see cref="XcapXmlParser"/> has already found well-formed (and without
/// DTD), so only the lexical shapes of XML 1.0 matter: comments, CDATA sections and processing instructions are skipped,
/// and <c>&lt;</c> never occurs in text or attribute values. Elements come out in document order, as LINQ to XML's
/// <c>Descendants()</c> lists them.
/// </summary>
internal static class SourceScanner
{
    public static List<SourceElement> Scan(string text)
    {
        var elements = new List<SourceElement>();
        var open = new Stack<SourceElement>();
        var at = 0;
        while (true)
        {
            at = text.IndexOf('<', at);
            if (at < 0)
            {
                return elements;
            }

            if (string.CompareOrdinal(text, at, "<!--", 0, 4) == 0)
            {
                at = SkipPast(text, at + 4, "-->");
            }
            else if (string.CompareOrdinal(text, at, "<![CDATA[", 0, 9) == 0)
            {
                at = SkipPast(text, at + 9, "]]>");
            }
            else if (string.CompareOrdinal(text, at, "<?", 0, 2) == 0)
            {
                at = SkipPast(text, at + 2, "?>");
            }
            else if (string.CompareOrdinal(text, at, "</", 0, 2) == 0)
            {
                var close = text.IndexOf('>', at);
                var element = open.Pop();
                element.EndTagStart = at;
                element.End = close + 1;
                at = close + 1;
            }
            else if (string.CompareOrdinal(text, at, "<!", 0, 2) == 0)
            {
                throw new InvalidOperationException("a markup declaration in a document without DTD");
            }
            else
            {
                at = StartTag(text, at, elements, open);
            }
        }
    }

    private static int StartTag(string text, int start, List<SourceElement> elements, Stack<SourceElement> open)
    {
        var at = start + 1;
        while (!IsSpace(text[at]) && text[at] is not ('/' or '>'))
        {
            at++;
        }

        var element = new SourceElement { Start = start, QName = text[(start + 1)..at] };
        elements.Add(element);
        while (true)
        {
            var spaceStart = at;
            while (IsSpace(text[at]))
            {
                at++;
            }

            if (text[at] == '/')
            {
                element.SelfClosing = true;
                element.StartTagEnd = element.EndTagStart = element.End = at + 2;
                return at + 2;
            }

            if (text[at] == '>')
            {
                element.StartTagEnd = at + 1;
                open.Push(element);
                return at + 1;
            }

            var nameStart = at;
            while (!IsSpace(text[at]) && text[at] != '=')
            {
                at++;
            }

            var name = text[nameStart..at];
            while (text[at] != '"' && text[at] != '\'')
            {
                at++;
            }

            var quote = text[at];
            var valueEnd = text.IndexOf(quote, at + 1);
            element.Attributes.Add(new SourceAttribute(spaceStart, nameStart, name, at + 1, valueEnd, quote));
            at = valueEnd + 1;
        }
    }

    private static int SkipPast(string text, int from, string end) => text.IndexOf(end, from, StringComparison.Ordinal) + end.Length;

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
}

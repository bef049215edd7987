using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SimpleActors.Xcap.Xml;

namespace SimpleActors.Xcap.NodeSelectors;

/// <summary>
/// An XCAP node selector (RFC 4825 section 6.3): the element selector, steps separated by <c>/</c> starting at the root
/// element, and optionally a terminal selector (<c>@attr</c> or <c>namespace::*</c>). Parsed from the percent-decoded text
/// that follows the <c>~~</c> segment, with the prefixes bound by the query's <c>xmlns()</c> parts (section 6.4).
/// <code>
/// node-selector  = element-selector ["/" terminal-selector]
/// step           = NameorAny ["[" position "]"] ["[" "@" att-name "=" AttValue "]"]
/// terminal       = "@" att-name / "namespace::*"
/// </code>
/// </summary>
public sealed class XcapNodeSelector
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private XcapNodeSelector(IReadOnlyList<XcapStep> steps, XcapTerminalSelector? terminal)
    {
        Steps = steps;
        Terminal = terminal;
    }

    /// <summary>The element selector's steps; the first selects the root element. Never empty.</summary>
    public IReadOnlyList<XcapStep> Steps { get; }

    /// <summary>The terminal selector, or null when the selector selects an element.</summary>
    public XcapTerminalSelector? Terminal { get; }

    /// <summary>What is selected.</summary>
    public XcapNodeKind Kind => Terminal switch
    {
        null => XcapNodeKind.Element,
        { IsNamespaceBindings: true } => XcapNodeKind.NamespaceBindings,
        _ => XcapNodeKind.Attribute,
    };

    /// <summary>
    /// Parses a percent-decoded node selector. Prefixes must be bound in <paramref name="namespaces"/> (the query's
    /// <c>xmlns()</c> parts); the <c>xml</c> prefix is always bound.
    /// </summary>
    /// <exception cref="XcapUriException">400: the selector is malformed or uses an unbound prefix.</exception>
    public static XcapNodeSelector Parse(string text, IReadOnlyDictionary<string, string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(namespaces);
        return new Parser(text, namespaces).Parse();
    }

    /// <summary><see cref="Parse"/> without the exception: false with the reason.</summary>
    public static bool TryParse(
        string text,
        IReadOnlyDictionary<string, string> namespaces,
        [NotNullWhen(true)] out XcapNodeSelector? selector,
        [NotNullWhen(false)] out string? reason)
    {
        try
        {
            selector = Parse(text, namespaces);
            reason = null;
            return true;
        }
        catch (XcapUriException e)
        {
            selector = null;
            reason = e.Reason;
            return false;
        }
    }

    /// <summary>The selector of the first <paramref name="stepCount"/> steps, without terminal: an ancestor's selector.</summary>
    public XcapNodeSelector Ancestor(int stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepCount, Steps.Count);
        return new XcapNodeSelector(Steps.Take(stepCount).ToArray(), null);
    }

    /// <summary>The elements the element selector (all steps, not the terminal) selects, in document order.</summary>
    public IReadOnlyList<XElement> SelectElements(XDocument document, string defaultNamespace) =>
        SelectElements(document, defaultNamespace, Steps.Count);

    /// <summary>The elements the first <paramref name="stepCount"/> steps select (0: none, the document itself is the parent).</summary>
    public IReadOnlyList<XElement> SelectElements(XDocument document, string defaultNamespace, int stepCount)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(defaultNamespace);
        XContainer[] current = [document];
        for (var i = 0; i < stepCount; i++)
        {
            var step = Steps[i];
            current = current.SelectMany(c => step.Select(c, defaultNamespace)).ToArray();
            if (current.Length == 0)
            {
                break;
            }
        }

        return stepCount == 0 ? [] : current.Cast<XElement>().ToArray();
    }

    /// <summary>
    /// The nodes the whole selector selects: elements, or attributes for an attribute terminal, or the elements whose
    /// bindings <c>namespace::*</c> asks for. Namespace declarations are not attributes here.
    /// </summary>
    public IReadOnlyList<XObject> Select(XDocument document, string defaultNamespace)
    {
        var elements = SelectElements(document, defaultNamespace);
        if (Terminal?.Attribute is not { } attribute)
        {
            return elements;
        }

        var name = attribute.AttributeName();
        return elements.Select(e => e.Attribute(name)).Where(a => a is { IsNamespaceDeclaration: false }).Cast<XObject>().ToArray();
    }

    /// <summary>The prefixes the selector uses (for writing the <c>xmlns()</c> query of a URI that carries it).</summary>
    public IEnumerable<XcapQualifiedName> PrefixedNames()
    {
        foreach (var step in Steps)
        {
            if (step.Name is { Prefix: not null } name)
            {
                yield return name;
            }

            if (step.AttributeTest?.Name is { Prefix: not null } attributeName)
            {
                yield return attributeName;
            }
        }

        if (Terminal?.Attribute is { Prefix: not null } terminal)
        {
            yield return terminal;
        }
    }

    /// <summary>The selector as text, not percent-encoded: <c>resource-lists/list[@name="friends"]/@name</c>.</summary>
    public override string ToString()
    {
        var text = string.Join('/', Steps);
        return Terminal is null ? text : $"{text}/{Terminal}";
    }

    private ref struct Parser(string text, IReadOnlyDictionary<string, string> namespaces)
    {
        private readonly string _text = text;
        private readonly IReadOnlyDictionary<string, string> _namespaces = namespaces;
        private int _at;

        public XcapNodeSelector Parse()
        {
            if (_text.Length == 0)
            {
                Fail("empty node selector");
            }

            var steps = new List<XcapStep>();
            while (true)
            {
                if (Peek() == '@')
                {
                    _at++;
                    var attribute = QName();
                    return Finish(steps, new XcapTerminalSelector(attribute));
                }

                if (string.CompareOrdinal(_text, _at, "namespace::*", 0, 12) == 0)
                {
                    _at += 12;
                    return Finish(steps, XcapTerminalSelector.NamespaceBindings);
                }

                steps.Add(Step());
                if (_at == _text.Length)
                {
                    return new XcapNodeSelector(steps, null);
                }

                Expect('/');
            }
        }

        private XcapNodeSelector Finish(List<XcapStep> steps, XcapTerminalSelector terminal)
        {
            if (steps.Count == 0)
            {
                Fail("a terminal selector needs an element selector before it");
            }

            if (_at != _text.Length)
            {
                Fail("text after the terminal selector");
            }

            return new XcapNodeSelector(steps, terminal);
        }

        private XcapStep Step()
        {
            XcapQualifiedName? name = null;
            if (Peek() == '*')
            {
                _at++;
            }
            else
            {
                name = QName();
            }

            int? position = null;
            XcapAttributeTest? test = null;
            if (Peek() == '[' && char.IsAsciiDigit(Peek(1)))
            {
                _at++;
                var start = _at;
                while (char.IsAsciiDigit(Peek()))
                {
                    _at++;
                }

                if (!int.TryParse(_text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    Fail("position out of range");
                }

                position = n;
                Expect(']');
            }

            if (Peek() == '[')
            {
                _at++;
                Expect('@');
                var attribute = QName();
                Expect('=');
                test = new XcapAttributeTest(attribute, AttValue());
                Expect(']');
            }

            return new XcapStep(name, position, test);
        }

        private XcapQualifiedName QName()
        {
            var first = NcName();
            if (Peek() != ':')
            {
                return new XcapQualifiedName(null, first, null);
            }

            _at++;
            var local = NcName();
            if (first == "xml")
            {
                return new XcapQualifiedName(first, local, XmlNamespace);
            }

            if (!_namespaces.TryGetValue(first, out var ns))
            {
                Fail($"prefix '{first}' is not bound by an xmlns() part of the query");
            }

            return new XcapQualifiedName(first, local, ns);
        }

        private string NcName()
        {
            var start = _at;
            if (_at < _text.Length && XmlConvert.IsStartNCNameChar(_text[_at]))
            {
                _at++;
                while (_at < _text.Length && XmlConvert.IsNCNameChar(_text[_at]))
                {
                    _at++;
                }
            }

            if (_at == start)
            {
                Fail($"a name was expected at offset {start}");
            }

            return _text[start.._at];
        }

        // XML 1.0 AttValue: quoted with ' or ", no '<', '&' only in a reference (predefined entity or character reference).
        private string AttValue()
        {
            var quote = Peek();
            if (quote is not ('"' or '\''))
            {
                Fail("an attribute value must be quoted");
            }

            _at++;
            var close = _text.IndexOf(quote, _at);
            if (close < 0)
            {
                Fail("unterminated attribute value");
            }

            if (!XcapAttValue.TryDecode(_text.AsSpan(_at, close - _at), out var value))
            {
                Fail("the attribute value is not a legal AttValue");
            }

            _at = close + 1;
            return value;
        }

        private readonly char Peek(int ahead = 0) => _at + ahead < _text.Length ? _text[_at + ahead] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                Fail($"'{c}' expected at offset {_at}");
            }

            _at++;
        }

        [DoesNotReturn]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Fail(string reason) => throw new XcapUriException(400, "malformed node selector: " + reason);
    }
}

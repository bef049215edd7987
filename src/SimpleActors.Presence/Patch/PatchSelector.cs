using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace SimpleActors.Presence.Patch;

/// <summary>
/// The 'sel' value of a patch directive: the restricted XPath 1.0 of RFC 5261 section 4.1 and the schema of
/// section 8 — element steps (<c>prefix:name</c> or <c>*</c>) with predicates <c>[n]</c>, <c>[@attr='v']</c>,
/// <c>[child='v']</c> and <c>[.='v']</c>; then optionally <c>text()</c>, <c>comment()</c>,
/// <c>processing-instruction('target')</c> (each with an optional <c>[n]</c>), <c>@attr</c> or
/// <c>namespace::prefix</c> as the last step; an optional leading <c>/</c> or <c>id('value')</c>.
/// The context node is the document node, so <c>doc/foo</c> and <c>/doc/foo</c> both start at the root element.
/// </summary>
/// <remarks>
/// Names are resolved when the selector is evaluated, against the namespace declarations in scope at the
/// directive (RFC 5261 section 4.2.1): a prefixed name through its prefix, an unprefixed element name through the
/// directive's default namespace (unlike plain XPath), an unprefixed attribute name in no namespace. The prefix in
/// <c>namespace::prefix</c> is the target document's own prefix, taken literally. <c>id('v')</c> finds the element
/// whose <c>xml:id</c> is v: with DTDs refused, xml:id is the only ID attribute a document can have.
/// </remarks>
public sealed class PatchSelector
{
    private readonly Step[] _steps;

    private PatchSelector(string text, Step[] steps, bool absolute)
    {
        Text = text;
        _steps = steps;
        IsAbsolute = absolute;
        var last = steps[^1];
        Kind = last.Kind switch
        {
            StepKind.Attribute => PatchNodeKind.Attribute,
            StepKind.Namespace => PatchNodeKind.Namespace,
            StepKind.Text => PatchNodeKind.Text,
            StepKind.Comment => PatchNodeKind.Comment,
            StepKind.ProcessingInstruction => PatchNodeKind.ProcessingInstruction,
            _ => PatchNodeKind.Element,
        };
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (step.Kind is StepKind.Element or StepKind.Attribute && step.Prefix is not null)
            {
                prefixes.Add(step.Prefix);
            }

            UsesDefaultNamespace |= step.Kind == StepKind.Element && step.Prefix is null && step.LocalName is not null;
            foreach (var predicate in step.Predicates)
            {
                if (predicate.Prefix is not null)
                {
                    prefixes.Add(predicate.Prefix);
                }

                UsesDefaultNamespace |= predicate.Kind == PredicateKind.ChildEquals && predicate.Prefix is null;
            }
        }

        Prefixes = prefixes;
    }

    public string Text { get; }

    public bool IsAbsolute { get; }

    /// <summary>The kind of node the selector locates.</summary>
    public PatchNodeKind Kind { get; }

    /// <summary>The prefixes the selector needs resolved (element and attribute names; not the one of <c>namespace::</c>).</summary>
    public IReadOnlyCollection<string> Prefixes { get; }

    /// <summary>True when an unprefixed element name appears, so the directive's default namespace matters.</summary>
    public bool UsesDefaultNamespace { get; }

    public override string ToString() => Text;

    /// <summary>Parses a 'sel' value; a value outside the RFC 5261 subset is an <c>invalid-attribute-value</c>.</summary>
    public static PatchSelector Parse(string sel)
    {
        ArgumentNullException.ThrowIfNull(sel);
        var parser = new Parser(sel);
        return parser.Run();
    }

    /// <summary>
    /// The nodes the selector locates in <paramref name="document"/>: <see cref="XElement"/>, <see cref="XAttribute"/>
    /// (a namespace declaration for <see cref="PatchNodeKind.Namespace"/>), <see cref="XText"/>, <see cref="XComment"/>
    /// or <see cref="XProcessingInstruction"/>.
    /// </summary>
    /// <param name="resolvePrefix">The namespace of a prefix, or null when it is not declared.</param>
    /// <param name="defaultNamespace">The namespace of unprefixed element names.</param>
    public IReadOnlyList<XObject> Select(XDocument document, Func<string, XNamespace?> resolvePrefix, XNamespace defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(resolvePrefix);
        ArgumentNullException.ThrowIfNull(defaultNamespace);
        List<XObject> current = [document];
        foreach (var step in _steps)
        {
            var next = new List<XObject>();
            foreach (var context in current)
            {
                next.AddRange(Apply(step, context, document, resolvePrefix, defaultNamespace));
            }

            current = next;
        }

        return current;
    }

    private static IEnumerable<XObject> Apply(Step step, XObject context, XDocument document, Func<string, XNamespace?> resolve, XNamespace defaultNamespace)
    {
        switch (step.Kind)
        {
            case StepKind.Id:
                return document.Descendants().Where(e => (string?)e.Attribute(XNamespace.Xml + "id") == step.Literal);

            case StepKind.Element:
                if (context is not XContainer container)
                {
                    return [];
                }

                IEnumerable<XElement> elements = container.Elements();
                if (step.LocalName is not null)
                {
                    var name = Resolve(step.Prefix, step.LocalName, resolve, defaultNamespace);
                    elements = elements.Where(e => e.Name == name);
                }

                var list = elements.ToList();
                foreach (var predicate in step.Predicates)
                {
                    list = Filter(list, predicate, resolve, defaultNamespace);
                }

                return list;

            case StepKind.Text:
                return Positional(Children<XText>(context), step);

            case StepKind.Comment:
                return Positional(Children<XComment>(context), step);

            case StepKind.ProcessingInstruction:
                return Positional(Children<XProcessingInstruction>(context).Where(p => step.Literal is null || p.Target == step.Literal), step);

            case StepKind.Attribute:
                if (context is not XElement owner)
                {
                    return [];
                }

                var attributeName = Resolve(step.Prefix, step.LocalName!, resolve, XNamespace.None);
                return owner.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name == attributeName);

            case StepKind.Namespace:
                return context is XElement declaring && declaring.Attribute(XNamespace.Xmlns + step.LocalName!) is { } declaration
                    ? [declaration]
                    : [];

            default:
                throw new InvalidOperationException();
        }
    }

    private static IEnumerable<T> Children<T>(XObject context)
        where T : XNode =>
        context is XContainer container ? container.Nodes().OfType<T>() : [];

    private static IEnumerable<XObject> Positional<T>(IEnumerable<T> nodes, Step step)
        where T : XNode
    {
        if (step.Predicates.Length == 0)
        {
            return nodes;
        }

        var position = step.Predicates[0].Position;
        return nodes.Skip(position - 1).Take(1);
    }

    private static List<XElement> Filter(List<XElement> elements, Predicate predicate, Func<string, XNamespace?> resolve, XNamespace defaultNamespace)
    {
        switch (predicate.Kind)
        {
            case PredicateKind.Position:
                return predicate.Position <= elements.Count ? [elements[predicate.Position - 1]] : [];

            case PredicateKind.AttributeEquals:
                var attributeName = Resolve(predicate.Prefix, predicate.LocalName!, resolve, XNamespace.None);
                return elements.Where(e => e.Attributes().Any(a => !a.IsNamespaceDeclaration && a.Name == attributeName && a.Value == predicate.Value)).ToList();

            case PredicateKind.ChildEquals:
                var childName = Resolve(predicate.Prefix, predicate.LocalName!, resolve, defaultNamespace);
                return elements.Where(e => e.Elements(childName).Any(c => c.Value == predicate.Value)).ToList();

            case PredicateKind.SelfEquals:
                return elements.Where(e => e.Value == predicate.Value).ToList();

            default:
                throw new InvalidOperationException();
        }
    }

    private static XName Resolve(string? prefix, string localName, Func<string, XNamespace?> resolve, XNamespace unprefixed)
    {
        if (prefix is null)
        {
            return unprefixed + localName;
        }

        var ns = prefix == "xml" ? XNamespace.Xml : resolve(prefix);
        if (ns is null || ns == XNamespace.None)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidNamespacePrefix, $"Prefix '{prefix}' in 'sel' is not declared");
        }

        return ns + localName;
    }

    private enum StepKind
    {
        Element,
        Text,
        Comment,
        ProcessingInstruction,
        Attribute,
        Namespace,
        Id,
    }

    private enum PredicateKind
    {
        Position,
        AttributeEquals,
        ChildEquals,
        SelfEquals,
    }

    /// <summary>LocalName null is the name test <c>*</c>; Literal is the PI target or the id() argument.</summary>
    private sealed record Step(StepKind Kind, string? Prefix, string? LocalName, Predicate[] Predicates, string? Literal = null);

    private sealed record Predicate(PredicateKind Kind, int Position, string? Prefix = null, string? LocalName = null, string? Value = null);

    private ref struct Parser
    {
        private readonly string _text;
        private int _at;

        public Parser(string text)
        {
            _text = text;
        }

        public PatchSelector Run()
        {
            var absolute = Eat("/");
            var steps = new List<Step>();
            if (Eat("id("))
            {
                var value = ReadLiteral();
                Expect(")");
                steps.Add(new Step(StepKind.Id, null, null, [], value));
                if (AtEnd)
                {
                    return new PatchSelector(_text, [.. steps], absolute);
                }

                Expect("/");
            }

            while (true)
            {
                var step = ReadStep();
                steps.Add(step);
                if (AtEnd)
                {
                    break;
                }

                if (step.Kind != StepKind.Element)
                {
                    throw Invalid("only the last step may select a non-element node");
                }

                Expect("/");
            }

            return new PatchSelector(_text, [.. steps], absolute);
        }

        private readonly bool AtEnd => _at >= _text.Length;

        private Step ReadStep()
        {
            if (Eat("@"))
            {
                var (prefix, local) = ReadQName();
                return new Step(StepKind.Attribute, prefix, local, []);
            }

            if (Eat("namespace::"))
            {
                return new Step(StepKind.Namespace, null, ReadNcName(), []);
            }

            if (Eat("text()"))
            {
                return new Step(StepKind.Text, null, null, ReadOptionalPosition());
            }

            if (Eat("comment()"))
            {
                return new Step(StepKind.Comment, null, null, ReadOptionalPosition());
            }

            if (Eat("processing-instruction("))
            {
                string? target = null;
                if (!Eat(")"))
                {
                    target = ReadLiteral();
                    try
                    {
                        XmlConvert.VerifyNCName(target);
                    }
                    catch (XmlException)
                    {
                        throw Invalid("bad processing instruction target");
                    }

                    Expect(")");
                }

                return new Step(StepKind.ProcessingInstruction, null, null, ReadOptionalPosition(), target);
            }

            string? stepPrefix = null;
            string? stepLocal = null;
            if (!Eat("*"))
            {
                (stepPrefix, stepLocal) = ReadQName();
            }

            var predicates = new List<Predicate>();
            while (Eat("["))
            {
                predicates.Add(ReadPredicate());
            }

            return new Step(StepKind.Element, stepPrefix, stepLocal, [.. predicates]);
        }

        private Predicate ReadPredicate()
        {
            Predicate predicate;
            if (!AtEnd && char.IsAsciiDigit(_text[_at]))
            {
                predicate = new Predicate(PredicateKind.Position, ReadPosition());
            }
            else if (Eat("@"))
            {
                var (prefix, local) = ReadQName();
                Expect("=");
                predicate = new Predicate(PredicateKind.AttributeEquals, 0, prefix, local, ReadLiteral());
            }
            else if (Eat("."))
            {
                Expect("=");
                predicate = new Predicate(PredicateKind.SelfEquals, 0, Value: ReadLiteral());
            }
            else
            {
                var (prefix, local) = ReadQName();
                Expect("=");
                predicate = new Predicate(PredicateKind.ChildEquals, 0, prefix, local, ReadLiteral());
            }

            Expect("]");
            return predicate;
        }

        private Predicate[] ReadOptionalPosition()
        {
            if (!Eat("["))
            {
                return [];
            }

            var position = ReadPosition();
            Expect("]");
            return [new Predicate(PredicateKind.Position, position)];
        }

        private int ReadPosition()
        {
            var start = _at;
            while (!AtEnd && char.IsAsciiDigit(_text[_at]))
            {
                _at++;
            }

            if (!int.TryParse(_text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1)
            {
                throw Invalid("bad position");
            }

            return position;
        }

        private string ReadLiteral()
        {
            if (AtEnd || (_text[_at] != '\'' && _text[_at] != '"'))
            {
                throw Invalid("expected a quoted literal");
            }

            var quote = _text[_at++];
            var end = _text.IndexOf(quote, _at);
            if (end < 0)
            {
                throw Invalid("unterminated literal");
            }

            var value = _text[_at..end];
            _at = end + 1;
            return value;
        }

        private (string? Prefix, string Local) ReadQName()
        {
            var first = ReadNcName();
            if (_at < _text.Length - 1 && _text[_at] == ':' && _text[_at + 1] != ':')
            {
                _at++;
                return (first, ReadNcName());
            }

            return (null, first);
        }

        private string ReadNcName()
        {
            var start = _at;
            while (!AtEnd && _text[_at] is not ('/' or '[' or ']' or '=' or '@' or '(' or ')' or '\'' or '"' or ':' or '*') && !char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }

            var name = _text[start.._at];
            try
            {
                XmlConvert.VerifyNCName(name);
            }
            catch (Exception e) when (e is XmlException or ArgumentException)
            {
                throw Invalid("bad name");
            }

            return name;
        }

        private bool Eat(string token)
        {
            if (string.CompareOrdinal(_text, _at, token, 0, token.Length) == 0)
            {
                _at += token.Length;
                return true;
            }

            return false;
        }

        private void Expect(string token)
        {
            if (!Eat(token))
            {
                throw Invalid($"expected '{token}'");
            }
        }

        private readonly XmlPatchException Invalid(string why) =>
            new(PatchErrorKind.InvalidAttributeValue, $"'sel' is not an RFC 5261 selector ({why} at {_at})");
    }
}

using System.Globalization;
using System.Xml.Linq;

namespace SimpleActors.Presence.Patch;

/// <summary>
/// XML patch operations (RFC 5261): <see cref="Apply(XDocument, IEnumerable{XElement})"/> runs a sequence of
/// <c>&lt;add&gt;</c>, <c>&lt;replace&gt;</c> and <c>&lt;remove&gt;</c> directives against a document;
/// <see cref="Diff"/> writes such a sequence from two versions of a document.
/// </summary>
/// <remarks>
/// Directives are recognised by local name whatever their namespace, since each format that carries them puts them
/// in its own (pidf-diff, xcap-diff, or none). Their 'sel' and 'type' prefixes and their default namespace are those
/// in scope at the directive element (RFC 5261 section 4.2); a directive taken out of its document must carry its
/// declarations along (<see cref="Standalone"/>).
/// <para>
/// Text is kept as the XPath data model sees it: adjacent text nodes are one node, so after every directive
/// adjacent text nodes are merged (and CDATA next to text becomes text). Nodes outside the root element (the prolog
/// and epilog) cannot be patched: <c>invalid-xml-prolog-operation</c>.
/// </para>
/// </remarks>
public static partial class XmlPatch
{
    private const string Whitespace = " \t\r\n";

    /// <summary>
    /// Applies the directives in order, each to the result of the one before (RFC 5261 section 3). All or nothing: the
    /// result is a new document and <paramref name="target"/> is never changed; the first failure throws.
    /// </summary>
    /// <exception cref="XmlPatchException">A directive failed; the exception names the RFC 5261 error.</exception>
    public static XDocument Apply(XDocument target, IEnumerable<XElement> operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        var document = new XDocument(target);
        if (document.Root is null)
        {
            throw new XmlPatchException(PatchErrorKind.UnlocatedNode, "The target document has no root element");
        }

        MergeText(document.Root, recursive: true);
        foreach (var operation in operations)
        {
            ApplyOperation(document, operation);
        }

        return document;
    }

    /// <summary>Applies the directives that are the child elements of <paramref name="diff"/> (a pidf-diff, a diff root, an xcap-diff document).</summary>
    public static XDocument Apply(XDocument target, XElement diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return Apply(target, diff.Elements());
    }

    /// <summary>
    /// A copy of a directive that can leave its document: every namespace declaration in scope at
    /// <paramref name="operation"/> is declared on the copy, so its 'sel' and content mean the same anywhere.
    /// </summary>
    public static XElement Standalone(XElement operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var copy = new XElement(operation);
        DeclareInScopeNamespaces(copy, operation);
        return copy;
    }

    internal static void DeclareInScopeNamespaces(XElement copy, XElement original)
    {
        for (var scope = original.Parent; scope is not null; scope = scope.Parent)
        {
            foreach (var declaration in scope.Attributes().Where(a => a.IsNamespaceDeclaration))
            {
                if (copy.Attribute(declaration.Name) is null)
                {
                    copy.Add(new XAttribute(declaration));
                }
            }
        }
    }

    /// <summary>Runs one directive against <paramref name="document"/>, changing it in place.</summary>
    internal static void ApplyOperation(XDocument document, XElement operation)
    {
        switch (operation.Name.LocalName)
        {
            case "add":
                Add(document, operation);
                break;
            case "replace":
                Replace(document, operation);
                break;
            case "remove":
                Remove(document, operation);
                break;
            default:
                throw new XmlPatchException(PatchErrorKind.InvalidPatchDirective, $"Unknown directive '{operation.Name.LocalName}'", operation);
        }
    }

    private static XObject Locate(XDocument document, XElement operation, PatchSelector selector)
    {
        IReadOnlyList<XObject> found;
        try
        {
            found = selector.Select(document, p => operation.GetNamespaceOfPrefix(p), operation.GetDefaultNamespace());
        }
        catch (XmlPatchException e)
        {
            throw new XmlPatchException(e.Kind, e.Phrase, operation);
        }

        // RFC 5261 section 4.1: the selector must locate a single unique node.
        if (found.Count != 1)
        {
            throw new XmlPatchException(
                PatchErrorKind.UnlocatedNode,
                found.Count == 0 ? "'sel' matches no node" : "'sel' matches more than one node",
                operation);
        }

        var node = found[0];
        if (node is XNode { Parent: null } and not XElement)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidXmlPrologOperation, "Nodes outside the root element cannot be patched", operation);
        }

        return node;
    }

    private static PatchSelector Selector(XElement operation)
    {
        var sel = operation.Attribute("sel")?.Value;
        if (sel is null)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidDiffFormat, "Directive without 'sel'", operation);
        }

        try
        {
            return PatchSelector.Parse(sel);
        }
        catch (XmlPatchException e)
        {
            throw new XmlPatchException(e.Kind, e.Phrase, operation);
        }
    }

    // RFC 5261 section 4.3.
    private static void Add(XDocument document, XElement operation)
    {
        var selector = Selector(operation);
        if (selector.Kind is PatchNodeKind.Attribute or PatchNodeKind.Namespace)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "<add> cannot select an attribute or a namespace", operation);
        }

        var type = operation.Attribute("type")?.Value;
        var pos = operation.Attribute("pos")?.Value;
        if (pos is not (null or "before" or "after" or "prepend"))
        {
            throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "'pos' must be before, after or prepend", operation);
        }

        var target = Locate(document, operation, selector);
        if (type is not null)
        {
            if (pos is not null)
            {
                throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "'pos' does not apply to an attribute or a namespace", operation);
            }

            if (target is not XElement owner)
            {
                throw new XmlPatchException(PatchErrorKind.InvalidNodeTypes, "Attributes and namespaces can only be added to an element", operation);
            }

            if (type.StartsWith("namespace::", StringComparison.Ordinal))
            {
                AddNamespace(owner, type["namespace::".Length..], operation);
            }
            else if (type.StartsWith('@'))
            {
                AddAttribute(owner, type[1..], operation);
            }
            else
            {
                throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "'type' must be @name or namespace::prefix", operation);
            }

            return;
        }

        var content = Content(operation);
        switch (pos)
        {
            case null or "prepend":
                if (target is not XElement parent)
                {
                    throw new XmlPatchException(PatchErrorKind.InvalidNodeTypes, "Children can only be added to an element", operation);
                }

                if (pos is null)
                {
                    parent.Add(content);
                }
                else
                {
                    parent.AddFirst(content);
                }

                Settle(parent, content, operation);
                break;

            default:
                var sibling = (XNode)target;
                if (sibling.Parent is null)
                {
                    // The root element: no siblings (RFC 5261 section 4.3.4), and no prolog changes.
                    throw content.Any(n => n is XElement || (n is XText t && !IsWhitespace(t.Value)))
                        ? new XmlPatchException(PatchErrorKind.InvalidRootElementOperation, "The root element cannot have siblings", operation)
                        : new XmlPatchException(PatchErrorKind.InvalidXmlPrologOperation, "Nodes outside the root element cannot be patched", operation);
                }

                if (pos == "before")
                {
                    sibling.AddBeforeSelf(content);
                }
                else
                {
                    sibling.AddAfterSelf(content);
                }

                Settle(sibling.Parent, content, operation);
                break;
        }
    }

    private static void AddAttribute(XElement owner, string qualifiedName, XElement operation)
    {
        var name = AttributeName(qualifiedName, operation);
        if (owner.Attribute(name) is not null)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "The attribute exists already", operation);
        }

        owner.Add(new XAttribute(name, TextContent(operation, PatchErrorKind.InvalidAttributeValue)));
        if (name.Namespace != XNamespace.None && name.Namespace != XNamespace.Xml && owner.GetPrefixOfNamespace(name.Namespace) is null)
        {
            Declare(owner, name.Namespace, operation);
        }
    }

    private static void AddNamespace(XElement owner, string prefix, XElement operation)
    {
        CheckPrefix(prefix, operation);
        if (owner.Attribute(XNamespace.Xmlns + prefix) is not null)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidNamespacePrefix, $"Prefix '{prefix}' is declared on the element already", operation);
        }

        owner.Add(new XAttribute(XNamespace.Xmlns + prefix, NamespaceUri(operation)));
    }

    // RFC 5261 section 4.4.
    private static void Replace(XDocument document, XElement operation)
    {
        var selector = Selector(operation);
        var target = Locate(document, operation, selector);
        switch (target)
        {
            case XElement element:
                var replacement = Single<XElement>(operation, "an element");
                var copy = new XElement(replacement);
                element.ReplaceWith(copy);
                Settle(copy.Parent, [copy], operation);
                break;

            case XAttribute { IsNamespaceDeclaration: true } declaration:
                ReplaceNamespace(declaration, NamespaceUri(operation));
                break;

            case XAttribute attribute:
                attribute.Value = TextContent(operation, PatchErrorKind.InvalidAttributeValue);
                break;

            case XComment comment:
                comment.ReplaceWith(new XComment(Single<XComment>(operation, "a comment").Value));
                break;

            case XProcessingInstruction instruction:
                instruction.ReplaceWith(new XProcessingInstruction(Single<XProcessingInstruction>(operation, "a processing instruction")));
                break;

            case XText text:
                var value = TextContent(operation, PatchErrorKind.InvalidNodeTypes);
                if (value.Length == 0)
                {
                    throw new XmlPatchException(PatchErrorKind.InvalidNodeTypes, "A text node is replaced by text", operation);
                }

                var parent = text.Parent!;
                text.ReplaceWith(new XText(value));
                MergeText(parent, recursive: false);
                break;
        }
    }

    /// <summary>
    /// RFC 5261 section 4.4.3: the declaration's prefix now binds the new URI, so the names that were written with
    /// that prefix (in this tree: those for which it is the prefix in scope) move to the new namespace.
    /// </summary>
    private static void ReplaceNamespace(XAttribute declaration, XNamespace uri)
    {
        var owner = declaration.Parent!;
        var prefix = declaration.Name.LocalName;
        XNamespace old = declaration.Value;
        var elements = new List<XElement>();
        var attributes = new List<XAttribute>();
        foreach (var element in owner.DescendantsAndSelf())
        {
            if (element.Name.Namespace == old && element.GetPrefixOfNamespace(old) == prefix && element.GetDefaultNamespace() != old)
            {
                elements.Add(element);
            }

            attributes.AddRange(element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == old && element.GetPrefixOfNamespace(old) == prefix));
        }

        declaration.Value = uri.NamespaceName;
        foreach (var element in elements)
        {
            element.Name = uri + element.Name.LocalName;
        }

        foreach (var attribute in attributes)
        {
            var parent = attribute.Parent!;
            var renamed = new XAttribute(uri + attribute.Name.LocalName, attribute.Value);
            attribute.Remove();
            parent.Add(renamed);
        }
    }

    // RFC 5261 section 4.5.
    private static void Remove(XDocument document, XElement operation)
    {
        var selector = Selector(operation);
        var ws = operation.Attribute("ws")?.Value;
        if (ws is not (null or "before" or "after" or "both"))
        {
            throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "'ws' must be before, after or both", operation);
        }

        if (operation.Nodes().Any(n => n is not XText t || !IsWhitespace(t.Value)))
        {
            throw new XmlPatchException(PatchErrorKind.InvalidDiffFormat, "<remove> has no content", operation);
        }

        var target = Locate(document, operation, selector);
        if (ws is not null && target is XAttribute or XText)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidWhitespaceDirective, "'ws' applies to elements, comments and processing instructions only", operation);
        }

        switch (target)
        {
            case XElement { Parent: null }:
                throw new XmlPatchException(PatchErrorKind.InvalidRootElementOperation, "The root element cannot be removed", operation);

            case XAttribute { IsNamespaceDeclaration: true } declaration:
                RemoveNamespace(declaration, operation);
                break;

            case XAttribute attribute:
                attribute.Remove();
                break;

            case XNode node:
                var parent = node.Parent!;
                var before = node.PreviousNode as XText;
                var after = node.NextNode as XText;
                var removeBefore = ws is "before" or "both";
                var removeAfter = ws is "after" or "both";
                if ((removeBefore && (before is null || !IsWhitespace(before.Value))) || (removeAfter && (after is null || !IsWhitespace(after.Value))))
                {
                    throw new XmlPatchException(PatchErrorKind.InvalidWhitespaceDirective, "No whitespace text node to remove next to the node", operation);
                }

                node.Remove();
                if (removeBefore)
                {
                    before!.Remove();
                }

                if (removeAfter)
                {
                    after!.Remove();
                }

                MergeText(parent, recursive: false);
                break;
        }
    }

    private static void RemoveNamespace(XAttribute declaration, XElement operation)
    {
        var owner = declaration.Parent!;
        XNamespace uri = declaration.Value;
        declaration.Remove();

        // RFC 5261 section 4.5.3: a declaration still in use cannot go.
        var used = owner.DescendantsAndSelf().Any(e =>
            (e.Name.Namespace == uri && e.GetDefaultNamespace() != uri && e.GetPrefixOfNamespace(uri) is null)
            || e.Attributes().Any(a => !a.IsNamespaceDeclaration && a.Name.Namespace == uri && e.GetPrefixOfNamespace(uri) is null));
        if (used)
        {
            owner.Add(declaration);
            throw new XmlPatchException(PatchErrorKind.InvalidNamespacePrefix, $"Prefix '{declaration.Name.LocalName}' is still in use", operation);
        }
    }

    /// <summary>The directive's content as nodes to insert (copies), CDATA as text.</summary>
    private static List<XNode> Content(XElement operation)
    {
        var nodes = new List<XNode>();
        foreach (var node in operation.Nodes())
        {
            nodes.Add(node switch
            {
                XText text => new XText(text.Value),
                XElement element => new XElement(element),
                XComment comment => new XComment(comment),
                XProcessingInstruction instruction => new XProcessingInstruction(instruction),
                _ => throw new XmlPatchException(PatchErrorKind.InvalidNodeTypes, "Unsupported node in the directive's content", operation),
            });
        }

        return nodes;
    }

    /// <summary>The one node of type <typeparamref name="T"/> in the content, whitespace text around it ignored.</summary>
    private static T Single<T>(XElement operation, string what)
        where T : XNode
    {
        var nodes = operation.Nodes().Where(n => n is not XText t || !IsWhitespace(t.Value)).ToList();
        return nodes is [T only]
            ? only
            : throw new XmlPatchException(PatchErrorKind.InvalidNodeTypes, $"The replacement must be exactly {what}", operation);
    }

    private static string TextContent(XElement operation, PatchErrorKind kind)
    {
        if (operation.Nodes().Any(n => n is not XText || n is XCData))
        {
            throw new XmlPatchException(kind, "The content must be text only", operation);
        }

        return string.Concat(operation.Nodes().OfType<XText>().Select(t => t.Value));
    }

    private static XNamespace NamespaceUri(XElement operation)
    {
        var uri = TextContent(operation, PatchErrorKind.InvalidNamespaceUri);
        if (uri.Length == 0 || uri.Trim() != uri || uri == XNamespace.Xml.NamespaceName || uri == XNamespace.Xmlns.NamespaceName)
        {
            throw new XmlPatchException(PatchErrorKind.InvalidNamespaceUri, "Not a namespace URI", operation);
        }

        return uri;
    }

    private static void CheckPrefix(string prefix, XElement operation)
    {
        if (prefix is "xml" or "xmlns" || !IsNcName(prefix))
        {
            throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "Not a namespace prefix", operation);
        }
    }

    private static XName AttributeName(string qualifiedName, XElement operation)
    {
        var colon = qualifiedName.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? null : qualifiedName[..colon];
        var local = colon < 0 ? qualifiedName : qualifiedName[(colon + 1)..];
        if (!IsNcName(local) || (prefix is not null && (!IsNcName(prefix) || prefix == "xmlns")) || (prefix is null && local == "xmlns"))
        {
            throw new XmlPatchException(PatchErrorKind.InvalidAttributeValue, "'type' is not an attribute name", operation);
        }

        if (prefix is null)
        {
            return local;
        }

        var ns = prefix == "xml" ? XNamespace.Xml : operation.GetNamespaceOfPrefix(prefix);
        return ns is null || ns == XNamespace.None
            ? throw new XmlPatchException(PatchErrorKind.InvalidNamespacePrefix, $"Prefix '{prefix}' in 'type' is not declared", operation)
            : ns + local;
    }

    /// <summary>
    /// After nodes were inserted: merge the parent's adjacent text, and declare on each inserted element the namespaces
    /// its subtree uses that the target does not declare there (RFC 5261 section 4.2.3: added content keeps its
    /// namespaces), with the diff's prefix where it is free.
    /// </summary>
    private static void Settle(XContainer? parent, IEnumerable<XNode> inserted, XElement operation)
    {
        foreach (var element in inserted.OfType<XElement>())
        {
            foreach (var e in element.DescendantsAndSelf())
            {
                var needed = e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name.Namespace).Prepend(e.Name.Namespace);
                foreach (var ns in needed)
                {
                    if (ns == XNamespace.None || ns == XNamespace.Xml)
                    {
                        continue;
                    }

                    if ((e.Name.Namespace == ns && e.GetDefaultNamespace() == ns && !e.Attributes().Any(a => a.Name.Namespace == ns)) || e.GetPrefixOfNamespace(ns) is not null)
                    {
                        continue;
                    }

                    Declare(element, ns, operation);
                }
            }
        }

        if (parent is not null)
        {
            MergeText(parent, recursive: false);
        }
    }

    private static void Declare(XElement element, XNamespace ns, XElement operation)
    {
        var prefix = operation.GetPrefixOfNamespace(ns);
        if (string.IsNullOrEmpty(prefix) || Taken(element, prefix))
        {
            var n = 1;
            do
            {
                prefix = "ns" + n.ToString(CultureInfo.InvariantCulture);
                n++;
            }
            while (Taken(element, prefix));
        }

        element.Add(new XAttribute(XNamespace.Xmlns + prefix, ns.NamespaceName));
    }

    private static bool Taken(XElement element, string prefix) =>
        element.GetNamespaceOfPrefix(prefix) is not null || element.Descendants().Any(d => d.Attribute(XNamespace.Xmlns + prefix) is not null);

    /// <summary>Adjacent text nodes become one, empty ones go (the XPath data model has neither).</summary>
    internal static void MergeText(XContainer container, bool recursive)
    {
        var node = container.FirstNode;
        while (node is not null)
        {
            var next = node.NextNode;
            if (node is XText text)
            {
                if (next is XText following)
                {
                    var merged = new XText(text.Value + following.Value);
                    following.Remove();
                    text.ReplaceWith(merged);
                    next = merged;
                }
                else if (text.Value.Length == 0)
                {
                    text.Remove();
                }
            }
            else if (recursive && node is XElement element)
            {
                MergeText(element, recursive: true);
            }

            node = next;
        }
    }

    internal static bool IsWhitespace(string value) => value.AsSpan().IndexOfAnyExcept(Whitespace) < 0;

    private static bool IsNcName(string name)
    {
        try
        {
            System.Xml.XmlConvert.VerifyNCName(name);
            return true;
        }
        catch (Exception e) when (e is System.Xml.XmlException or ArgumentException)
        {
            return false;
        }
    }
}

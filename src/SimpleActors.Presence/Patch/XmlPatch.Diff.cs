using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace SimpleActors.Presence.Patch;

public static partial class XmlPatch
{
    /// <summary>
    /// Directives that turn <paramref name="oldDocument"/> into <paramref name="newDocument"/>: small, not minimal.
    /// Elements are compared recursively, their children aligned by a longest common subsequence of element names
    /// (comments and processing instructions by value); changed attributes, namespace declarations, text, comments
    /// and elements are each added, replaced or removed where they are. Whitespace counts: text is compared exactly.
    /// </summary>
    /// <remarks>
    /// Selectors are positional (<c>/rl:resource-lists/rl:list[2]/@name</c>) and valid at the point where each
    /// directive runs (after the ones before it). Every prefix a selector or 'type' uses is declared on the directive
    /// element itself, so the directives can be put into any document (pidf-diff, xcap-diff) unchanged; elements in no
    /// namespace are selected as <c>*[n]</c> so that the container's default namespace does not matter. The content of
    /// add and replace directives is copied from <paramref name="newDocument"/>. Nodes outside the root element are not
    /// compared. An element whose default namespace declaration, or one of whose prefixes, is bound to another URI is
    /// replaced whole. Serialize the directives without indentation: added whitespace is content.
    /// </remarks>
    /// <param name="operationNamespace">The namespace of the directive elements (none by default).</param>
    public static IReadOnlyList<XElement> Diff(XDocument oldDocument, XDocument newDocument, XNamespace? operationNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(oldDocument);
        ArgumentNullException.ThrowIfNull(newDocument);
        if (oldDocument.Root is null || newDocument.Root is null)
        {
            throw new ArgumentException("Both documents need a root element");
        }

        var working = new XDocument(oldDocument);
        var goal = new XDocument(newDocument);
        MergeText(working.Root!, recursive: true);
        MergeText(goal.Root!, recursive: true);
        var writer = new DiffWriter(working, operationNamespace ?? XNamespace.None);
        if (working.Root!.Name != goal.Root!.Name)
        {
            writer.Replace(working.Root, DiffWriter.Copy(goal.Root));
        }
        else
        {
            writer.Sync(working.Root, goal.Root);
            writer.RemoveDeclarations();
        }

        return writer.Operations;
    }

    /// <summary>Writes the directives while running each against a working copy, so every selector is computed on the tree it will meet.</summary>
    private sealed class DiffWriter(XDocument working, XNamespace operationNamespace)
    {
        private const int MaxAlignmentCells = 4_000_000;

        private readonly List<(XElement Current, XElement Goal, string Prefix)> _removedDeclarations = [];

        public List<XElement> Operations { get; } = [];

        public void Sync(XElement current, XElement goal)
        {
            var have = Declarations(current);
            var want = Declarations(goal);
            if (have.Any(d => want.TryGetValue(d.Key, out var uri) && uri != d.Value) || have.ContainsKey("") != want.ContainsKey(""))
            {
                Replace(current, Copy(goal));
                return;
            }

            foreach (var (prefix, uri) in want.Where(d => d.Key.Length > 0 && !have.ContainsKey(d.Key)))
            {
                Add(current, pos: null, type: _ => "namespace::" + prefix, uri);
            }

            foreach (var attribute in current.Attributes().Where(a => !a.IsNamespaceDeclaration && goal.Attribute(a.Name) is null).ToList())
            {
                Remove(attribute);
            }

            // Declarations the new document drops: one that hides the binding the new document has here goes now, or
            // what is added below would not find that binding; the others go at the end, outermost first, when
            // nothing uses them any more.
            foreach (var prefix in have.Keys.Where(p => p.Length > 0 && !want.ContainsKey(p)))
            {
                if (goal.GetNamespaceOfPrefix(prefix) is { } outer && outer.NamespaceName != have[prefix])
                {
                    if (!TryRemoveDeclaration(current, prefix))
                    {
                        Replace(current, Copy(goal));
                        return;
                    }
                }
                else
                {
                    _removedDeclarations.Add((current, goal, prefix));
                }
            }

            foreach (var attribute in goal.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                var existing = current.Attribute(attribute.Name);
                if (existing is null)
                {
                    var name = attribute.Name;
                    Add(current, pos: null, type: names => "@" + names.QualifiedName(name, current), attribute.Value);
                }
                else if (existing.Value != attribute.Value)
                {
                    Replace(existing, attribute.Value);
                }
            }

            SyncChildren(current, goal);
        }

        public void RemoveDeclarations()
        {
            foreach (var (current, goal, prefix) in _removedDeclarations)
            {
                if (current.Document != working)
                {
                    continue;
                }

                if (!TryRemoveDeclaration(current, prefix))
                {
                    // Still in use through this very prefix in the patched tree: the element goes whole.
                    Replace(current, Copy(goal));
                }
            }
        }

        private bool TryRemoveDeclaration(XElement current, string prefix)
        {
            try
            {
                Remove(current.Attribute(XNamespace.Xmlns + prefix)!);
                return true;
            }
            catch (XmlPatchException e) when (e.Kind == PatchErrorKind.InvalidNamespacePrefix)
            {
                return false;
            }
        }

        private void SyncChildren(XElement current, XElement goal)
        {
            var have = current.Nodes().Where(n => n is not XText).ToList();
            var want = goal.Nodes().Where(n => n is not XText).ToList();
            var pairs = Align(have, want);
            var kept = pairs.Select(p => p.Have).ToHashSet();
            for (var i = 0; i < have.Count; i++)
            {
                if (!kept.Contains(i))
                {
                    // Indented content: the indentation before the node goes with it.
                    var node = have[i];
                    var ws = node.PreviousNode is XText before && IsWhitespace(before.Value) && node.NextNode is XText after && IsWhitespace(after.Value)
                        ? "before"
                        : null;
                    Emit("remove", node, pos: null, type: null, content: ws is null ? null : new XAttribute("ws", ws));
                }
            }

            foreach (var (i, j) in pairs)
            {
                if (have[i] is XElement child)
                {
                    Sync(child, (XElement)want[j]);
                }
            }

            // Now the non-text children are the aligned ones in order; set the text and the new nodes between them.
            var anchors = current.Nodes().Where(n => n is not XText).ToList();
            var goalNodes = goal.Nodes().ToList();
            var goalAnchors = pairs.Select(p => goalNodes.IndexOf(want[p.Want])).ToList();
            for (var gap = 0; gap <= anchors.Count; gap++)
            {
                var text = gap == 0
                    ? (anchors.Count == 0 ? current.FirstNode : anchors[0].PreviousNode) as XText
                    : anchors[gap - 1].NextNode as XText;
                var from = gap == 0 ? 0 : goalAnchors[gap - 1] + 1;
                var to = gap == anchors.Count ? goalNodes.Count : goalAnchors[gap];
                var wanted = goalNodes[from..to];
                SyncGap(current, anchors, gap, text, wanted);
            }
        }

        private void SyncGap(XElement current, List<XNode> anchors, int gap, XText? text, List<XNode> wanted)
        {
            if (wanted.Count == 0)
            {
                if (text is not null)
                {
                    Remove(text);
                }

                return;
            }

            if (wanted is [XText only])
            {
                if (text is null)
                {
                    Insert(current, anchors, gap, wanted);
                }
                else if (text.Value != only.Value)
                {
                    Replace(text, only.Value);
                }

                return;
            }

            if (text is not null && wanted[0] is XText first && first.Value == text.Value)
            {
                Add(text, "after", type: null, Copies(wanted.Skip(1)));
            }
            else if (text is not null && wanted[^1] is XText last && last.Value == text.Value)
            {
                Add(text, "before", type: null, Copies(wanted.Take(wanted.Count - 1)));
            }
            else
            {
                if (text is not null)
                {
                    Remove(text);
                }

                Insert(current, anchors, gap, wanted);
            }
        }

        private void Insert(XElement current, List<XNode> anchors, int gap, List<XNode> nodes)
        {
            if (gap > 0)
            {
                Add(anchors[gap - 1], "after", type: null, Copies(nodes));
            }
            else
            {
                Add(current, anchors.Count == 0 ? null : "prepend", type: null, Copies(nodes));
            }
        }

        public void Replace(XObject target, object content) => Emit("replace", target, pos: null, type: null, content);

        private void Remove(XObject target) => Emit("remove", target, pos: null, type: null, content: null);

        private void Add(XObject target, string? pos, Func<SelectorNames, string>? type, object content) => Emit("add", target, pos, type, content);

        private void Emit(string directive, XObject target, string? pos, Func<SelectorNames, string>? type, object? content)
        {
            var names = new SelectorNames(content);
            var operation = new XElement(operationNamespace + directive, new XAttribute("sel", names.Path(target)));
            if (pos is not null)
            {
                operation.Add(new XAttribute("pos", pos));
            }

            if (type is not null)
            {
                operation.Add(new XAttribute("type", type(names)));
            }

            names.DeclareContentNamespaces();
            names.DeclareOn(operation);
            operation.Add(content);
            foreach (var element in operation.Elements())
            {
                element.RemoveAnnotations<ContentSource>();
            }

            ApplyOperation(working, operation);
            Operations.Add(operation);
        }

        /// <summary>A copy of a node of the new document for a directive's content, remembering where it came from.</summary>
        public static XElement Copy(XElement element)
        {
            var copy = new XElement(element);
            copy.AddAnnotation(new ContentSource(element.Parent));
            return copy;
        }

        private static List<XNode> Copies(IEnumerable<XNode> nodes) =>
            nodes.Select(n => n switch
            {
                XText t => new XText(t.Value),
                XElement e => Copy(e),
                XComment c => new XComment(c),
                XProcessingInstruction p => (XNode)new XProcessingInstruction(p),
                _ => throw new InvalidOperationException(),
            }).ToList();

        private static Dictionary<string, string> Declarations(XElement element) =>
            element.Attributes()
                .Where(a => a.IsNamespaceDeclaration)
                .ToDictionary(a => a.Name.Namespace == XNamespace.None ? "" : a.Name.LocalName, a => a.Value, StringComparer.Ordinal);

        /// <summary>
        /// Heaviest common subsequence of the two child lists: elements pair up by name, more readily when their
        /// attributes and content are equal too; comments and processing instructions only when equal.
        /// </summary>
        private static List<(int Have, int Want)> Align(List<XNode> have, List<XNode> want)
        {
            if ((long)(have.Count + 1) * (want.Count + 1) > MaxAlignmentCells)
            {
                return [];
            }

            var weights = new int[have.Count, want.Count];
            var best = new int[have.Count + 1, want.Count + 1];
            for (var i = have.Count - 1; i >= 0; i--)
            {
                for (var j = want.Count - 1; j >= 0; j--)
                {
                    var weight = weights[i, j] = Weight(have[i], want[j]);
                    best[i, j] = Math.Max(Math.Max(best[i + 1, j], best[i, j + 1]), weight > 0 ? weight + best[i + 1, j + 1] : 0);
                }
            }

            var pairs = new List<(int, int)>();
            for (int i = 0, j = 0; i < have.Count && j < want.Count;)
            {
                if (weights[i, j] > 0 && best[i, j] == weights[i, j] + best[i + 1, j + 1])
                {
                    pairs.Add((i++, j++));
                }
                else if (best[i + 1, j] >= best[i, j + 1])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return pairs;
        }

        private static int Weight(XNode a, XNode b) => (a, b) switch
        {
            (XElement x, XElement y) when x.Name == y.Name =>
                1 + (SameAttributes(x, y) ? 1 : 0) + (XNode.DeepEquals(x, y) ? 1 : 0),
            (XComment x, XComment y) when x.Value == y.Value => 3,
            (XProcessingInstruction x, XProcessingInstruction y) when x.Target == y.Target && x.Data == y.Data => 3,
            _ => 0,
        };

        private static bool SameAttributes(XElement x, XElement y)
        {
            var count = 0;
            foreach (var attribute in x.Attributes())
            {
                count++;
                if (y.Attribute(attribute.Name)?.Value != attribute.Value)
                {
                    return false;
                }
            }

            return count == y.Attributes().Count();
        }

    }

    /// <summary>Where a directive's content sits in the new document: the context of its namespace prefixes.</summary>
    private sealed record ContentSource(XElement? Context);

    /// <summary>Builds the selectors of one directive and the prefixes they need, to be declared on the directive.</summary>
    private sealed class SelectorNames(object? content)
    {
        private readonly Dictionary<XNamespace, string> _prefixes = [];

        // Prefixes the content declares for itself: declared on the directive too, they would clash when written.
        private readonly HashSet<string> _reserved = ContentElements(content)
            .SelectMany(e => e.Attributes())
            .Where(a => a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.Xmlns)
            .Select(a => a.Name.LocalName)
            .ToHashSet(StringComparer.Ordinal);

        private static IEnumerable<XElement> ContentElements(object? content) =>
            (content switch
            {
                XElement element => [element],
                IEnumerable<XNode> nodes => nodes.OfType<XElement>(),
                _ => [],
            }).SelectMany(e => e.DescendantsAndSelf());

        /// <summary>
        /// Declares on the directive the namespaces its content uses, with the prefixes the new document uses for them,
        /// so that writing the directive adds no declaration to the content.
        /// </summary>
        public void DeclareContentNamespaces()
        {
            foreach (var element in ContentElements(content))
            {
                var used = element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name.Namespace).Prepend(element.Name.Namespace);
                foreach (var ns in used)
                {
                    if (ns == XNamespace.None || ns == XNamespace.Xml || _prefixes.ContainsKey(ns) || element.GetPrefixOfNamespace(ns) is not null)
                    {
                        continue;
                    }

                    // Any prefix will do: the declaration sits on the directive, the content keeps only its names.
                    Prefix(ns, Source(element));
                }
            }
        }

        private static XElement? Source(XElement element)
        {
            var top = element;
            while (top.Parent is not null)
            {
                top = top.Parent;
            }

            return top.Annotation<ContentSource>()?.Context;
        }

        public void DeclareOn(XElement operation)
        {
            foreach (var (ns, prefix) in _prefixes)
            {
                operation.Add(new XAttribute(XNamespace.Xmlns + prefix, ns.NamespaceName));
            }
        }

        public string Path(XObject node)
        {
            var path = new StringBuilder();
            Append(path, node);
            return path.ToString();
        }

        public string QualifiedName(XName name, XElement context)
        {
            if (name.Namespace == XNamespace.None)
            {
                return name.LocalName;
            }

            return (name.Namespace == XNamespace.Xml ? "xml" : Prefix(name.Namespace, context)) + ":" + name.LocalName;
        }

        private void Append(StringBuilder path, XObject node)
        {
            switch (node)
            {
                case XElement element:
                    if (element.Parent is { } parent)
                    {
                        Append(path, parent);
                    }

                    path.Append('/');
                    var siblings = element.Parent?.Elements() ?? [element];
                    if (element.Name.Namespace == XNamespace.None)
                    {
                        path.Append('*');
                        AppendPosition(path, siblings.ToList(), element);
                    }
                    else
                    {
                        path.Append(QualifiedName(element.Name, element));
                        AppendPosition(path, siblings.Where(s => s.Name == element.Name).ToList(), element);
                    }

                    break;

                case XAttribute { IsNamespaceDeclaration: true } declaration:
                    Append(path, declaration.Parent!);
                    path.Append("/namespace::").Append(declaration.Name.LocalName);
                    break;

                case XAttribute attribute:
                    Append(path, attribute.Parent!);
                    path.Append("/@").Append(QualifiedName(attribute.Name, attribute.Parent!));
                    break;

                case XText text:
                    Append(path, text.Parent!);
                    path.Append("/text()");
                    AppendIndex(path, text.Parent!.Nodes().OfType<XText>().ToList(), text);
                    break;

                case XComment comment:
                    Append(path, comment.Parent!);
                    path.Append("/comment()");
                    AppendIndex(path, comment.Parent!.Nodes().OfType<XComment>().ToList(), comment);
                    break;

                case XProcessingInstruction instruction:
                    Append(path, instruction.Parent!);
                    path.Append("/processing-instruction('").Append(instruction.Target).Append("')");
                    AppendIndex(path, instruction.Parent!.Nodes().OfType<XProcessingInstruction>().Where(p => p.Target == instruction.Target).ToList(), instruction);
                    break;

                default:
                    throw new InvalidOperationException();
            }
        }

        private static void AppendPosition<T>(StringBuilder path, List<T> candidates, T node)
            where T : XNode
        {
            if (candidates.Count > 1)
            {
                AppendIndex(path, candidates, node);
            }
        }

        private static void AppendIndex<T>(StringBuilder path, List<T> candidates, T node)
            where T : XNode =>
            path.Append('[').Append((candidates.IndexOf(node) + 1).ToString(CultureInfo.InvariantCulture)).Append(']');

        private string Prefix(XNamespace ns, XElement? context)
        {
            if (_prefixes.TryGetValue(ns, out var known))
            {
                return known;
            }

            var prefix = context?.GetPrefixOfNamespace(ns);
            if (string.IsNullOrEmpty(prefix) || prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase) || _prefixes.ContainsValue(prefix) || _reserved.Contains(prefix))
            {
                var n = _prefixes.Count + 1;
                do
                {
                    prefix = "ns" + n.ToString(CultureInfo.InvariantCulture);
                    n++;
                }
                while (_prefixes.ContainsValue(prefix) || _reserved.Contains(prefix));
            }

            _prefixes.Add(ns, prefix);
            return prefix;
        }
    }
}

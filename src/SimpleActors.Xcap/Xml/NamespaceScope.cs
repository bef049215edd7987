using System.Xml.Linq;

namespace SimpleActors.Xcap.Xml;

/// <summary>The namespace bindings in scope at an element: its own declarations and those it inherits, nearest first wins.</summary>
internal static class NamespaceScope
{
    /// <summary>
    /// Prefix (empty for the default namespace) to namespace, in the order met from the element outwards. An undeclared
    /// default namespace (<c>xmlns=""</c>) hides the outer one and is left out; the <c>xml</c> prefix is implicit and left out.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(XElement? element)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bindings = new List<KeyValuePair<string, string>>();
        for (var e = element; e is not null; e = e.Parent)
        {
            foreach (var attribute in e.Attributes())
            {
                if (!attribute.IsNamespaceDeclaration)
                {
                    continue;
                }

                var prefix = attribute.Name.Namespace == XNamespace.Xmlns ? attribute.Name.LocalName : string.Empty;
                if (seen.Add(prefix) && attribute.Value.Length > 0)
                {
                    bindings.Add(new(prefix, attribute.Value));
                }
            }
        }

        return bindings;
    }
}

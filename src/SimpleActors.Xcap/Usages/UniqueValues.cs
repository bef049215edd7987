using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// Finds the elements of one uniqueness scope whose attribute repeats an earlier element's value (compared by a
/// canonical form), each with an alternative value that is free in the scope, including of the alternatives already
/// suggested for earlier clashes.
/// </summary>
internal static class UniqueValues
{
    /// <param name="elements">The scope, in document order.</param>
    /// <param name="attribute">The attribute that must be unique; elements without it are skipped.</param>
    /// <param name="canonical">The comparison form of a value.</param>
    /// <param name="alternative">Suggests a value given a taken-test, or null for none.</param>
    /// <param name="clashes">Receives the clashes.</param>
    public static void Check(
        IEnumerable<XElement> elements,
        XName attribute,
        Func<string, string> canonical,
        Func<string, Func<string, bool>, string?>? alternative,
        List<UniquenessClash> clashes)
    {
        var scope = elements.Where(e => e.Attribute(attribute) is not null).ToList();
        if (scope.Count < 2)
        {
            return;
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new List<XElement>();
        foreach (var element in scope)
        {
            if (!taken.Add(canonical(element.Attribute(attribute)!.Value)))
            {
                repeated.Add(element);
            }
        }

        foreach (var element in repeated)
        {
            var suggestion = alternative?.Invoke(element.Attribute(attribute)!.Value, v => taken.Contains(canonical(v)));
            if (suggestion is not null)
            {
                taken.Add(canonical(suggestion));
            }

            clashes.Add(new UniquenessClash(element, attribute, suggestion is null ? [] : [suggestion]));
        }
    }

    /// <summary>Names and ids: compared as they are.</summary>
    public static string Exact(string value) => value;

    /// <summary>Relative references: compared with their escapes decoded.</summary>
    public static string Unescaped(string value) => Uri.UnescapeDataString(value);
}

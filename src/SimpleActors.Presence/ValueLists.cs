using System.Collections.ObjectModel;
using System.Xml.Linq;
using SimpleActors.Presence.Xml;

namespace SimpleActors.Presence;

/// <summary>
/// What the model records need to be immutable values: lists copied on the way in (a caller's list
/// changing later does not change a document), compared and hashed by sequence, and extension
/// elements kept as canonical detached copies compared with <see cref="XNode.DeepEquals"/>.
/// </summary>
internal static class ValueLists
{
    public static IReadOnlyList<T> Copy<T>(IReadOnlyList<T> source, string name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source, name);
        if (source.Count == 0)
        {
            return ReadOnlyCollection<T>.Empty;
        }

        var copy = new T[source.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = source[i] ?? throw new ArgumentException("The list holds a null item.", name);
        }

        return Array.AsReadOnly(copy);
    }

    public static IReadOnlyList<XElement> CopyExtensions(IReadOnlyList<XElement> source, string name)
    {
        ArgumentNullException.ThrowIfNull(source, name);
        if (source.Count == 0)
        {
            return ReadOnlyCollection<XElement>.Empty;
        }

        var copy = new XElement[source.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = CanonicalXml.Copy(source[i] ?? throw new ArgumentException("The list holds a null element.", name));
        }

        return Array.AsReadOnly(copy);
    }

    public static bool SequenceEqual<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool ExtensionsEqual(IReadOnlyList<XElement> left, IReadOnlyList<XElement> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!XNode.DeepEquals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static void AddTo<T>(ref HashCode hash, IReadOnlyList<T> list)
    {
        hash.Add(list.Count);
        foreach (var item in list)
        {
            hash.Add(item);
        }
    }

    public static void AddExtensionsTo(ref HashCode hash, IReadOnlyList<XElement> list)
    {
        hash.Add(list.Count);
        foreach (var element in list)
        {
            hash.Add(CanonicalXml.DeepHash(element));
        }
    }
}

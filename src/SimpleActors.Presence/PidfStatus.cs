using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>
/// A tuple's <c>status</c> (RFC 3863 section 4.1.3): the optional <c>basic</c> value and any status
/// extensions from other namespaces (e.g. <c>im:im</c>), kept in document order.
/// </summary>
/// <param name="Basic">open or closed; null when the status carries no basic element.</param>
/// <param name="Extensions">Elements from other namespaces, as canonical copies (see docs/presence-documents.md).</param>
public sealed record PidfStatus(BasicStatus? Basic, IReadOnlyList<XElement> Extensions)
{
    public IReadOnlyList<XElement> Extensions { get; init => field = ValueLists.CopyExtensions(value, nameof(Extensions)); } =
        ValueLists.CopyExtensions(Extensions, nameof(Extensions));

    public bool Equals(PidfStatus? other) =>
        ReferenceEquals(this, other)
        || (other is not null && Basic == other.Basic && ValueLists.ExtensionsEqual(Extensions, other.Extensions));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Basic);
        ValueLists.AddExtensionsTo(ref hash, Extensions);
        return hash.ToHashCode();
    }
}

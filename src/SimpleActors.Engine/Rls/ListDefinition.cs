using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// A service of an rls-services document as resolved now (RFC 4826 section 4.3): its URI, display name, the event
/// packages it serves (RFC 4826 section 4.2: presence when the document names none) and its resources, nested lists
/// flattened and references followed (<see cref="OwnerListServices"/>).
/// </summary>
public sealed record ListDefinition(string Uri, string? Name, IReadOnlyList<string> Packages, IReadOnlyList<ListResource> Resources) : IEngineSerializable
{
    /// <summary>Whether a SUBSCRIBE for <paramref name="package"/> may name this list (RFC 4826 section 4.2, else 489).</summary>
    public bool Serves(string package) => Packages.Contains(package, StringComparer.Ordinal);

    public bool Equals(ListDefinition? other) =>
        other is not null && Uri == other.Uri && Name == other.Name && Packages.SequenceEqual(other.Packages) && Resources.SequenceEqual(other.Resources);

    public override int GetHashCode() => HashCode.Combine(Uri, Resources.Count);
}

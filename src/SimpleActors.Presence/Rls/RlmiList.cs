namespace SimpleActors.Presence.Rls;

/// <summary>
/// An RLMI document (RFC 4662 section 5.2): the root <c>list</c>. An immutable value: lists are copied when the record is
/// made and compared by sequence.
/// </summary>
/// <param name="Uri">The list's URI, the one the subscriber subscribed to.</param>
/// <param name="Version">0 in the first notification of a subscription, then one more in each (RFC 4662 section 5.2).</param>
/// <param name="FullState">True: every resource of the list is here; false: only those that changed (RFC 4662 section 5.2).</param>
/// <param name="Names">The list's names in document order.</param>
/// <param name="Resources">The resources in document order.</param>
public sealed record RlmiList(string Uri, uint Version, bool FullState, IReadOnlyList<RlmiName> Names, IReadOnlyList<RlmiResource> Resources)
{
    public IReadOnlyList<RlmiName> Names { get; init => field = ValueLists.Copy(value, nameof(Names)); } =
        ValueLists.Copy(Names, nameof(Names));

    public IReadOnlyList<RlmiResource> Resources { get; init => field = ValueLists.Copy(value, nameof(Resources)); } =
        ValueLists.Copy(Resources, nameof(Resources));

    public bool Equals(RlmiList? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Uri == other.Uri
            && Version == other.Version
            && FullState == other.FullState
            && ValueLists.SequenceEqual(Names, other.Names)
            && ValueLists.SequenceEqual(Resources, other.Resources));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Uri);
        hash.Add(Version);
        hash.Add(FullState);
        ValueLists.AddTo(ref hash, Names);
        ValueLists.AddTo(ref hash, Resources);
        return hash.ToHashCode();
    }
}

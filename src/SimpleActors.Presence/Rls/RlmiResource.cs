namespace SimpleActors.Presence.Rls;

/// <summary>One resource of a list (RFC 4662 section 5.3): its URI, names, and the instances of its back-end subscriptions.</summary>
/// <param name="Uri">The resource's URI, as the list names it.</param>
/// <param name="Names">Its names in document order.</param>
/// <param name="Instances">Its instances in document order.</param>
public sealed record RlmiResource(string Uri, IReadOnlyList<RlmiName> Names, IReadOnlyList<RlmiInstance> Instances)
{
    public IReadOnlyList<RlmiName> Names { get; init => field = ValueLists.Copy(value, nameof(Names)); } =
        ValueLists.Copy(Names, nameof(Names));

    public IReadOnlyList<RlmiInstance> Instances { get; init => field = ValueLists.Copy(value, nameof(Instances)); } =
        ValueLists.Copy(Instances, nameof(Instances));

    public bool Equals(RlmiResource? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Uri == other.Uri
            && ValueLists.SequenceEqual(Names, other.Names)
            && ValueLists.SequenceEqual(Instances, other.Instances));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Uri);
        ValueLists.AddTo(ref hash, Names);
        ValueLists.AddTo(ref hash, Instances);
        return hash.ToHashCode();
    }
}

namespace SimpleActors.Presence;

/// <summary>
/// A <c>watcher-list</c> (RFC 3858 section 3): the watchers of one resource for one event package.
/// An immutable value; the watchers are copied and compared by sequence.
/// </summary>
/// <param name="Resource">The watched resource's URI (<c>resource</c>), whitespace-trimmed.</param>
/// <param name="Package">The event package (<c>package</c>), e.g. <c>presence</c>.</param>
/// <param name="Watchers">The watchers in document order.</param>
public sealed record WatcherList(string Resource, string Package, IReadOnlyList<Watcher> Watchers)
{
    public IReadOnlyList<Watcher> Watchers { get; init => field = ValueLists.Copy(value, nameof(Watchers)); } =
        ValueLists.Copy(Watchers, nameof(Watchers));

    public bool Equals(WatcherList? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Resource == other.Resource
            && Package == other.Package
            && ValueLists.SequenceEqual(Watchers, other.Watchers));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Resource);
        hash.Add(Package);
        ValueLists.AddTo(ref hash, Watchers);
        return hash.ToHashCode();
    }
}

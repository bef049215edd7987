namespace SimpleActors.Presence;

/// <summary>
/// A watcher information document (RFC 3858 section 3). An immutable value; the lists are copied
/// and compared by sequence.
/// </summary>
/// <param name="Version">The document's <c>version</c>: 0 for the first document of a subscription, one more for each next one.</param>
/// <param name="State">Whether the document is <c>full</c> or <c>partial</c>.</param>
/// <param name="Lists">The watcher lists in document order.</param>
public sealed record WatcherInfoDocument(long Version, WatcherInfoState State, IReadOnlyList<WatcherList> Lists)
{
    public IReadOnlyList<WatcherList> Lists { get; init => field = ValueLists.Copy(value, nameof(Lists)); } =
        ValueLists.Copy(Lists, nameof(Lists));

    public bool Equals(WatcherInfoDocument? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Version == other.Version
            && State == other.State
            && ValueLists.SequenceEqual(Lists, other.Lists));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Version);
        hash.Add(State);
        ValueLists.AddTo(ref hash, Lists);
        return hash.ToHashCode();
    }
}

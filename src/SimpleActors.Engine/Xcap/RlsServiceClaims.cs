using System.Collections.Immutable;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// An rls-services document claims the service URIs it defines (RFC 4826 section 4.4.5: a service URI is unique across
/// all users' documents). The reply is an <see cref="RlsServicesClaim"/>: the claim is recorded (and the owner's other
/// claims released) unless some URI belongs to another document, which is then named with an alternative.
/// </summary>
/// <param name="Selector">The index's entity id, <see cref="RlsServicesIndex.Selector"/>.</param>
/// <param name="Owner">The claiming document's selector.</param>
/// <param name="Uris">Every service URI the document defines after its change (empty: it was deleted or defines none).</param>
public sealed record ClaimRlsServices(string Selector, string Owner, IReadOnlyList<string> Uris) : IXcapDocumentMessage;

/// <summary>The answer to a claim: the URIs another document holds, each with an alternative that is free (empty: granted).</summary>
public sealed record RlsServicesClaim(string Owner, IReadOnlyList<RlsServiceConflict> Conflicts) : IEngineSerializable
{
    public bool Granted => Conflicts.Count == 0;

    public bool Equals(RlsServicesClaim? other) => other is not null && Owner == other.Owner && Conflicts.SequenceEqual(other.Conflicts);

    public override int GetHashCode() => HashCode.Combine(Owner, Conflicts.Count);
}

/// <summary>A service URI another document holds, and a free alternative (null: none found).</summary>
public sealed record RlsServiceConflict(string Uri, string? Alternative);

/// <summary>The event of a granted claim: the owner's service URIs are now exactly <paramref name="Uris"/>.</summary>
public sealed record RlsServicesClaimed(string Owner, IReadOnlyList<string> Uris, DateTimeOffset At) : IEngineSerializable
{
    public bool Equals(RlsServicesClaimed? other) => other is not null && Owner == other.Owner && At == other.At && Uris.SequenceEqual(other.Uris);

    public override int GetHashCode() => HashCode.Combine(Owner, Uris.Count, At);
}

/// <summary>Which document holds each service URI (by its canonical form, RFC 4826 section 4.4.5). Also the snapshot.</summary>
public sealed record RlsServicesIndexState(ImmutableSortedDictionary<string, string> Owners)
    : IEngineSerializable, IEntityState<RlsServicesIndexState, RlsServicesClaimed>
{
    public static readonly RlsServicesIndexState Empty = new(ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    public bool IsEmpty => Owners.IsEmpty;

    public DateTimeOffset? NextExpiry => null;

    public RlsServicesIndexState Apply(RlsServicesClaimed change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var owners = Owners.RemoveRange(Owners.Where(o => o.Value == change.Owner).Select(o => o.Key).ToList());
        foreach (var uri in change.Uris)
        {
            owners = owners.SetItem(SimpleActors.Xcap.Usages.UriCanonicalForm.Of(uri), change.Owner);
        }

        return new RlsServicesIndexState(owners);
    }

    public bool Equals(RlsServicesIndexState? other) => other is not null && Owners.SequenceEqual(other.Owners);

    public override int GetHashCode() => Owners.Count;
}

/// <summary>
/// Asks the index to state the whole <see cref="Rls.ListServiceDirectory"/> again (each node sends it as it starts, so the
/// index runs, and the replicated map is complete, before the first list SUBSCRIBE).
/// </summary>
public sealed record StateListServices(string Selector) : IXcapDocumentMessage
{
    public static readonly StateListServices Instance = new(RlsServicesIndex.Selector);
}

using System.Collections.Immutable;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The publications of one presentity, in the order they were first published, the subscriptions watching it (by
/// subscription id: a watcher is found, added or removed without a search), the owner's decisions about watchers, and
/// the version of the state watchers see: it goes up with every change of a document (added, modified, removed,
/// expired), not with a refresh. Also the snapshot.
/// </summary>
public sealed record PresentityState(
    string Aor, ImmutableList<Publication> Publications, long Version, ImmutableDictionary<string, WatcherEntry> Watchers,
    ImmutableSortedDictionary<string, AuthorizationDecision> Rules)
    : IEngineSerializable, IEntityState<PresentityState, IPresentityEvent>
{
    // One empty rule set for every presentity that has none (most): an empty immutable dictionary is shared, not copied.
    private static readonly ImmutableSortedDictionary<string, AuthorizationDecision> NoRules =
        ImmutableSortedDictionary<string, AuthorizationDecision>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>No watchers: one shared empty map (string keys compare ordinally by default).</summary>
    public static readonly ImmutableDictionary<string, WatcherEntry> NoWatchers = ImmutableDictionary<string, WatcherEntry>.Empty;

    /// <summary>No owner documents: one shared empty map.</summary>
    public static readonly ImmutableSortedDictionary<string, OwnerDocument> NoOwnerDocuments =
        ImmutableSortedDictionary<string, OwnerDocument>.Empty.WithComparers(StringComparer.Ordinal);

    public static PresentityState Empty(string aor) => new(aor, [], 0, NoWatchers, NoRules);

    /// <summary>
    /// The owner's XCAP documents the presence service reads, by document selector (<see cref="OwnerDocument"/>): the
    /// presence rules that decide about watchers and filter what they see (RFC 5025), and the hard state composed with
    /// the publications (RFC 4827).
    /// </summary>
    public ImmutableSortedDictionary<string, OwnerDocument> OwnerDocuments { get; init; } = NoOwnerDocuments;

    /// <summary>Whether the owner keeps presence rules: then they alone decide about watchers (the old per-watcher decisions were migrated into them).</summary>
    public bool HasPresenceRules => OwnerDocuments.Values.Any(d => d.IsRules);

    /// <summary>
    /// When the state watchers see last changed (the time of the event that raised <see cref="Version"/>); default
    /// before any change. A presentity that starts again soon after a change tells its watchers once more (the first
    /// telling may have been lost with the node it ran on).
    /// </summary>
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>The owner's decision about a watcher (AOR), if any.</summary>
    public AuthorizationDecision? RuleFor(string watcher) => Rules.TryGetValue(watcher, out var decision) ? decision : null;

    /// <summary>
    /// The list subscriptions that follow a service of the owner's rls-services document (RFC 4662 section 4.3): the
    /// service URI by subscription id. Each is told every change of its service (<see cref="Rls.ListChanged"/>).
    /// </summary>
    public ImmutableDictionary<string, string> ListWatchers { get; init; } = NoListWatchers;

    /// <summary>No list watchers: one shared empty map.</summary>
    public static readonly ImmutableDictionary<string, string> NoListWatchers = ImmutableDictionary<string, string>.Empty;

    /// <summary>Nothing published and nobody watching: the entity passivates.</summary>
    public bool IsEmpty => Publications.IsEmpty && Watchers.IsEmpty && ListWatchers.IsEmpty;

    public DateTimeOffset? NextExpiry => Publications.IsEmpty ? null : Publications.Min(p => p.ExpiresAt);

    /// <summary>The publication currently named by <paramref name="etag"/>, or null (unknown or replaced tag).</summary>
    public Publication? Find(string etag) => Publications.Find(p => p.ETag == etag);

    public PresentityState Apply(IPresentityEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            PublicationAdded added => this with { Publications = Publications.Add(added.Publication), Version = Version + 1, ChangedAt = added.At },
            PublicationRefreshed refreshed => this with
            {
                Publications = Replace(refreshed.OldETag, p => p with
                {
                    ETag = refreshed.NewETag,
                    ExpiresAt = refreshed.ExpiresAt,
                    CallId = refreshed.CallId,
                    CSeq = refreshed.CSeq,
                    Identity = refreshed.Identity,
                }),
            },
            PublicationModified modified => this with
            {
                Publications = Replace(modified.OldETag, _ => modified.Publication),
                Version = Version + 1,
                ChangedAt = modified.At,
            },
            PublicationRemoved removed => this with
            {
                Publications = Publications.RemoveAll(p => p.ETag == removed.ETag),
                Version = Version + 1,
                ChangedAt = removed.At,
            },
            WatcherAdded added => Watchers.ContainsKey(added.SubscriptionId)
                ? this
                : this with
                {
                    Watchers = Watchers.Add(added.SubscriptionId, new WatcherEntry(
                        added.SubscriptionId, added.Watcher, added.Package, StatusFor(added.Watcher, added.Package, added.Status), added.At,
                        added.ExpiresAt)),
                },
            WatcherAuthorized authorized => this with
            {
                Rules = Rules.SetItem(authorized.Watcher, authorized.Decision),

                // RFC 5025 section 3.2.1: allow and polite-block make the watcher's pending subscriptions active.
                Watchers = authorized.Decision == AuthorizationDecision.Block ? Watchers : Activate(authorized.Watcher),
            },
            WatcherRemoved removed => this with { Watchers = Watchers.Remove(removed.SubscriptionId) },

            // Rules change what watchers see, hard state what is composed: either is a new version of the state watchers see.
            OwnerDocumentSet set when OwnerDocument.IsRead(set.Auid) => this with
            {
                OwnerDocuments = WithOwnerDocument(set),
                Version = Version + 1,
                ChangedAt = set.At,
            },
            OwnerDocumentSet set => this with { OwnerDocuments = WithOwnerDocument(set) },
            Rls.ListWatcherAdded added => this with { ListWatchers = ListWatchers.SetItem(added.SubscriptionId, added.ServiceUri) },
            Rls.ListWatcherRemoved removed => this with { ListWatchers = ListWatchers.Remove(removed.SubscriptionId) },
            WatcherStatusesChanged changed => this with { Watchers = WithStatuses(changed.Statuses) },
            _ => throw new ArgumentException($"Unknown presentity event {change.GetType().Name}.", nameof(change)),
        };
    }

    /// <summary>A new presence watcher's status: the owner's allow (or polite-block) makes it active, else its own status stands.</summary>
    private Subscription.SubscriptionStatus StatusFor(string watcher, string package, Subscription.SubscriptionStatus status) =>
        package == Subscription.EventPackages.Presence && !HasPresenceRules && RuleFor(watcher) is AuthorizationDecision.Allow or AuthorizationDecision.PoliteBlock
            ? Subscription.SubscriptionStatus.Active
            : status;

    /// <summary>The presence watchers of <paramref name="watcher"/> (the subscriptions of one AOR) made active.</summary>
    private ImmutableDictionary<string, WatcherEntry> Activate(string watcher)
    {
        var activated = Watchers;
        foreach (var (id, entry) in Watchers)
        {
            if (entry.IsPresence && entry.Watcher == watcher && entry.Status != Subscription.SubscriptionStatus.Active)
            {
                activated = activated.SetItem(id, entry with { Status = Subscription.SubscriptionStatus.Active });
            }
        }

        return activated;
    }

    private ImmutableSortedDictionary<string, OwnerDocument> WithOwnerDocument(OwnerDocumentSet set) => set.ETag is null
        ? OwnerDocuments.Remove(set.Selector)
        : OwnerDocuments.SetItem(set.Selector, new OwnerDocument(set.Auid, set.ETag, set.Document ?? []));

    /// <summary>The watchers with the statuses the presence rules gave them (a subscription no longer watching is left out).</summary>
    private ImmutableDictionary<string, WatcherEntry> WithStatuses(IReadOnlyDictionary<string, Subscription.SubscriptionStatus> statuses)
    {
        var changed = Watchers;
        foreach (var (id, status) in statuses)
        {
            if (changed.TryGetValue(id, out var entry) && entry.Status != status)
            {
                changed = changed.SetItem(id, entry with { Status = status });
            }
        }

        return changed;
    }

    /// <summary>The watchers in the order they came (then by id), as the history shows them.</summary>
    public IEnumerable<WatcherEntry> WatchersInOrder => Watchers.Values.OrderBy(w => w.Since).ThenBy(w => w.SubscriptionId, StringComparer.Ordinal);

    public bool Equals(PresentityState? other) =>
        other is not null && Aor == other.Aor && Version == other.Version && Publications.SequenceEqual(other.Publications)
        && Watchers.Count == other.Watchers.Count && Watchers.All(w => other.Watchers.TryGetValue(w.Key, out var o) && Equals(w.Value, o))
        && Rules.SequenceEqual(other.Rules) && ChangedAt == other.ChangedAt && OwnerDocuments.SequenceEqual(other.OwnerDocuments)
        && ListWatchers.Count == other.ListWatchers.Count && ListWatchers.All(w => other.ListWatchers.TryGetValue(w.Key, out var o) && o == w.Value);

    public override int GetHashCode() => HashCode.Combine(Aor, Version, Publications.Count);

    private ImmutableList<Publication> Replace(string etag, Func<Publication, Publication> change)
    {
        var index = Publications.FindIndex(p => p.ETag == etag);
        return index < 0 ? Publications : Publications.SetItem(index, change(Publications[index]));
    }
}

using Akka.Actor;
using Akka.Cluster.Sharding;
using System.Collections.Immutable;
using Akka.Event;
using SimpleActors.Presence.Rules;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The presentities of one shard of the presentity region, in one actor (<see cref="EntityShard{TState,TEvent,TSlot}"/>):
/// each presence AOR keeps its own stream (<c>presentity|&lt;aor&gt;</c>) and persists what
/// <see cref="PresentityDecision"/> decides, replies once the events are in the journal, expires publications on time
/// (also after a restart or a move: the shard's stream <c>presentity-shard|&lt;n&gt;</c> lists the presentities that hold
/// publications or watchers), keeps the set of watching subscriptions and tells each of them the new state on every
/// change (each Subscription sends its own NOTIFY: 1,000 watchers cost 1,000 messages, not 1,000 steps here), wakes
/// sleeping subscriptions at their expiry (docs/presence.md, "Sleeping"), and lets a presentity that holds nothing go
/// from memory after <see cref="DefaultEmptyLinger"/>.
/// </summary>
public sealed partial class PresentityShard : EntityShard<PresentityState, IPresentityEvent, PresentityShard.Slot>
{
    /// <summary>The prefix of every Presentity persistence id.</summary>
    public const string PersistenceIdPrefix = "presentity|";

    /// <summary>The prefix of a shard's own persistence id.</summary>
    public const string ShardPersistenceIdPrefix = "presentity-shard|";

    /// <summary>How long an empty presentity stays by default: watchers that come and go find it in memory.</summary>
    public static readonly TimeSpan DefaultEmptyLinger = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How recent a change must be for a presentity that starts again to tell its watchers once more: longer than a
    /// node's failure detection, the resolver's StableAfter twice and the shards' hand-off (about 50 s with the shipped
    /// settings, docs/performance.md), so the presentities of a lost or leaving node retell what they changed last.
    /// </summary>
    internal static readonly TimeSpan RetellWithin = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan RetellDelay = TimeSpan.FromSeconds(1);

    // How soon a wake-up asked for a time already past is sent: the subscription is awake then and ends itself.
    private static readonly TimeSpan WakeNoSoonerThan = TimeSpan.FromMilliseconds(500);

    private readonly PublicationOptions options;

    // The configured policy (Presence:Subscription:Policy): it decides about a watcher the owner's rules say nothing of.
    private readonly SubscriptionPolicy defaultPolicy;
    private readonly TimeSpan emptyLinger;
    private readonly IActorRef? xcapDocuments;
    private IActorRef? subscriptions;

    /// <param name="subscriptions">The Subscription region (null: the cluster's, resolved on first use).</param>
    /// <param name="xcapDocuments">The XcapDocument region (null: the cluster's, resolved on use).</param>
    public PresentityShard(
        string shardId, PublicationOptions options, TimeProvider clock, int snapshotEvery, IActorRef? subscriptions, TimeSpan emptyLinger,
        IActorRef? xcapDocuments = null, SubscriptionPolicy defaultPolicy = SubscriptionPolicy.AllowOwnDomain)
        : base(shardId, PersistenceIdPrefix, ShardPersistenceIdPrefix, clock, snapshotEvery, EngineMetrics.Publications)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.defaultPolicy = defaultPolicy;
        this.options = options;
        this.subscriptions = subscriptions;
        this.emptyLinger = emptyLinger;
        this.xcapDocuments = xcapDocuments;
    }

    public static Props Props(
        string shardId, PublicationOptions options, TimeProvider? clock = null, int snapshotEvery = 100, IActorRef? subscriptions = null,
        TimeSpan? emptyLinger = null, IActorRef? xcapDocuments = null, SubscriptionPolicy defaultPolicy = SubscriptionPolicy.AllowOwnDomain) =>
        EntityProps.Of(() => new PresentityShard(
            shardId, options, clock ?? TimeProvider.System, snapshotEvery, subscriptions, emptyLinger ?? DefaultEmptyLinger, xcapDocuments, defaultPolicy));

    protected override PresentityState EmptyState(string id) => PresentityState.Empty(id);

    protected override string? EntityIdOf(object message) => (message as IPresentityMessage)?.Aor;

    /// <summary>Each publication (entity-tag) counts; watchers are counted by their subscriptions.</summary>
    protected override long LiveCount(PresentityState state) => state.Publications.Count;

    protected override void Handle(Slot slot, object command, IActorRef sender)
    {
        slot.LingerUntil = Clock.GetUtcNow() + emptyLinger;
        switch (command)
        {
            case Publish publish:
                Decide(slot, publish, sender);
                break;
            case Watch watch:
                AddWatcher(slot, watch, sender);
                break;
            case WakeAt wake:
                if (slot.State.Watchers.ContainsKey(wake.SubscriptionId))
                {
                    WakeAt(slot, wake.SubscriptionId, wake.ExpiresAt);
                }

                break;
            case AuthorizeWatcher authorize:
                Authorize(slot, authorize, sender);
                break;
            case Unwatch unwatch:
                RemoveWatcher(slot, unwatch);
                break;
            case OwnerDocumentChanged changed:
                TakeOwnerDocument(slot, changed, sender);
                break;
            case GetOwnerDocuments query:
                ListOwnerDocuments(slot, query, sender);
                break;
            case Rls.GetListService query:
                sender.Tell(new Rls.ListServiceAnswer(query.ServiceUri, slot.Services(slot.State).GetValueOrDefault(query.ServiceUri)));
                break;
            case Rls.WatchList watch:
                AddListWatcher(slot, watch);
                break;
            case Rls.UnwatchList unwatch:
                RemoveListWatcher(slot, unwatch);
                break;
            default:
                Log.Warning("Unhandled presentity command {0}", command.GetType().Name);
                break;
        }
    }

    /// <summary>Wake-ups at the expiry each watcher was added with, and the retelling of a recent change.</summary>
    protected override void AfterRecovery(Slot slot)
    {
        var now = Clock.GetUtcNow();
        foreach (var watcher in slot.State.Watchers.Values.Where(w => w.ExpiresAt != default))
        {
            WakeAt(slot, watcher.SubscriptionId, watcher.ExpiresAt, now);
        }

        // A change persisted just before the shard stopped may not have reached its watchers: the node's subscription
        // region had stopped in the last moments of a hand-off, or the node died between the write and the telling. Tell
        // them once more, shortly (the region may start after this shard); a subscription notifies only of a version it
        // has not sent.
        if (slot.State.Version > 0 && !slot.State.Watchers.IsEmpty && now - slot.State.ChangedAt < RetellWithin)
        {
            slot.RetellAt = now + RetellDelay;
        }

        MigrateDecisions(slot);

        // A validity boundary passed while the presentity was away (since its last change, when it last decided) is due
        // at once: its watchers were decided by rules that no longer hold (RFC 4745 section 7.3).
        var decidedAt = slot.State.ChangedAt == default || slot.State.ChangedAt > now ? now : slot.State.ChangedAt;
        slot.PolicyChangeAt = slot.Policy(defaultPolicy, slot.State).NextChange(decidedAt);
    }

    /// <summary>
    /// The per-watcher decisions the admin API kept before presence rules existed become rules of the owner's pres-rules
    /// document (its XcapDocument writes them and hands the document back); until then they still decide.
    /// </summary>
    private void MigrateDecisions(Slot slot)
    {
        var state = slot.State;
        if (state.HasPresenceRules || state.Rules.IsEmpty)
        {
            return;
        }

        var documents = XcapDocuments;
        var selector = PresenceRulesSelector(state.Aor);
        foreach (var (watcher, decision) in state.Rules)
        {
            documents.Tell(new Xcap.SetWatcherDecision(selector, watcher, decision, "migration"));
        }
    }

    /// <summary>The owner's IETF pres-rules document (RFC 5025 section 9.4: <c>index</c> in the user's tree).</summary>
    public static string PresenceRulesSelector(string aor) => $"{OwnerDocument.PresRules}/users/{aor}/index";

    protected override DateTimeOffset? DueAt(Slot slot)
    {
        DateTimeOffset? earliest = slot.State.NextExpiry;
        Earliest(ref earliest, slot.RetellAt);
        Earliest(ref earliest, slot.PolicyChangeAt);
        Earliest(ref earliest, slot.WakeEarliest());
        if (slot.State.IsEmpty)
        {
            Earliest(ref earliest, slot.LingerUntil);
        }

        return earliest;

        static void Earliest(ref DateTimeOffset? earliest, DateTimeOffset? other)
        {
            if (other is { } value && (earliest is null || value < earliest))
            {
                earliest = value;
            }
        }
    }

    protected override void OnDue(Slot slot, DateTimeOffset now)
    {
        if (slot.RetellAt <= now)
        {
            slot.RetellAt = null;
            TellWatchers(slot);
        }

        // A rule's validity began or ended (RFC 4745 section 7.3): decide about every watcher again.
        if (slot.PolicyChangeAt <= now)
        {
            slot.PolicyChangeAt = slot.Policy(defaultPolicy, slot.State).NextChange(now);
            PolicyBoundary(slot, now);
        }

        if (slot.Wakes is { Count: > 0 } wakes)
        {
            foreach (var (id, _) in wakes.Where(w => w.Value <= now).ToList())
            {
                wakes.Remove(id);
                Subscriptions.Tell(new WakeSubscription(id));
            }
        }

        // One write at a time: an expiry due with a policy boundary goes once the boundary's write is in (it re-queues).
        if (!slot.Writing && slot.State.NextExpiry <= now)
        {
            ExpireNow(slot, now);
        }
    }

    /// <summary>
    /// At a validity boundary what each watcher may see changes with no new document: the rules are journaled as taken
    /// again, which makes a new version of the state watchers see (a subscription keeps only a version newer than the
    /// one it holds), then, as for a new rules document, the new views go out first and the new decisions after them.
    /// </summary>
    private void PolicyBoundary(Slot slot, DateTimeOffset now)
    {
        var state = slot.State;
        if (!state.Watchers.Values.Any(w => w.IsPresence)
            || state.OwnerDocuments.FirstOrDefault(d => d.Value.IsRules) is not { Value: { } rules } document)
        {
            return;
        }

        Write(slot, [new OwnerDocumentSet(state.Aor, document.Key, rules.Auid, rules.ETag, rules.Document, now)], null, () =>
        {
            TellWatchers(slot);
            Reauthorize(slot, now);
        });
    }

    // RFC 3903 section 4.1: an expired publication changes the composed state; watchers are told at that moment.
    protected override void AfterExpiry(Slot slot, IReadOnlyList<IPresentityEvent> expired) => TellWatchers(slot);

    protected override IReadOnlyList<IPresentityEvent> Expire(Slot slot, DateTimeOffset now) =>
        PresentityDecision.Expire(slot.State, now);

    protected override bool KeepInMemory(Slot slot, DateTimeOffset now) => slot.LingerUntil > now;

    /// <summary>An emptied presentity leaves memory with a snapshot, so its next start reads one row.</summary>
    protected override void LettingGo(Slot slot)
    {
        if (slot.SinceSnapshot > 0)
        {
            Snapshot(slot);
        }
    }

    private void Decide(Slot slot, Publish command, IActorRef sender)
    {
        var version = slot.State.Version;
        var sphere = slot.Sphere(defaultPolicy, slot.State);
        var (events, reply) = PresentityDecision.Publish(slot.State, command, Clock.GetUtcNow(), options);
        Write(slot, events, sender, () =>
        {
            sender.Tell(reply);
            if (slot.State.Version != version)
            {
                TellWatchers(slot);

                // RFC 4745 section 7.2: rules with a sphere condition decide again when the published sphere changes.
                if (slot.Policy(defaultPolicy, slot.State).HasRules && slot.Sphere(defaultPolicy, slot.State) != sphere)
                {
                    Reauthorize(slot, Clock.GetUtcNow());
                }
            }
        });
    }

    private void AddWatcher(Slot slot, Watch watch, IActorRef sender)
    {
        var state = slot.State;
        var at = Clock.GetUtcNow();
        var policy = slot.Policy(defaultPolicy, state);
        var decision = watch.Package == EventPackages.Presence ? policy.Evaluate(watch.Watcher, slot.Sphere(defaultPolicy, state), at).Decision : null;
        var status = policy.HasRules && decision is { } ruled ? StatusOf(ruled, watch.Status) : watch.Status;
        IReadOnlyList<IPresentityEvent> events = state.Watchers.ContainsKey(watch.SubscriptionId)
            ? []
            : [new WatcherAdded(state.Aor, watch.SubscriptionId, watch.Watcher, at, watch.Package, status, watch.ExpiresAt, watch.Request)];
        WriteWatchers(slot, events, sender, () =>
        {
            WakeAt(slot, watch.SubscriptionId, watch.ExpiresAt);
            var now = slot.State;
            if (watch.Package == EventPackages.WatcherInfo)
            {
                // Through the region, like every later change, so the snapshot cannot overtake them.
                Subscriptions.Tell(new WatcherInfoSnapshot(watch.SubscriptionId, now.Aor, WatcherInfoChanges.Snapshot(now)));
            }
            else if (watch.Package == EventPackages.XcapDiff)
            {
                Subscriptions.Tell(new XcapDocumentsSnapshot(
                    watch.SubscriptionId, now.Aor, [.. now.OwnerDocuments.Select(d => new XcapDocumentVersion(d.Key, null, d.Value.ETag, []))]));
            }
            else
            {
                var (_, body, digest) = slot.ViewFor(defaultPolicy, now, watch.Watcher, at);
                sender.Tell(new PresenceDocument(now.Aor, now.Version, body, decision, digest, watch.SubscriptionId));
            }
        });
    }

    private void Authorize(Slot slot, AuthorizeWatcher authorize, IActorRef sender)
    {
        var at = Clock.GetUtcNow();
        WriteWatchers(slot, [new WatcherAuthorized(slot.Id, authorize.Watcher, authorize.Decision, authorize.By, at)], sender, () =>
        {
            var current = slot.State.Watchers.Values.Where(w => w.IsPresence && w.Watcher == authorize.Watcher).ToList();
            foreach (var watcher in current)
            {
                Subscriptions.Tell(new ApplyAuthorization(watcher.SubscriptionId, authorize.Decision, at, slot.Id));
            }

            sender.Tell(new WatcherAuthorization(slot.Id, authorize.Watcher, authorize.Decision, current.Count));
        });
    }

    private void RemoveWatcher(Slot slot, Unwatch unwatch)
    {
        IReadOnlyList<IPresentityEvent> events = slot.State.Watchers.ContainsKey(unwatch.SubscriptionId)
            ? [new WatcherRemoved(slot.Id, unwatch.SubscriptionId, unwatch.Reason, Clock.GetUtcNow(), unwatch.Request)]
            : [];
        WriteWatchers(slot, events, null, () => slot.Wakes?.Remove(unwatch.SubscriptionId));
    }

    /// <summary>Wake the subscription at <paramref name="at"/> (a time already past: a little later); default asks for none.</summary>
    private void WakeAt(Slot slot, string subscriptionId, DateTimeOffset at, DateTimeOffset? now = null)
    {
        if (at == default)
        {
            return;
        }

        var soonest = (now ?? Clock.GetUtcNow()) + WakeNoSoonerThan;
        (slot.Wakes ??= new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal))[subscriptionId] = at > soonest ? at : soonest;
        Reschedule(slot);
    }

    /// <summary>
    /// The Subscription region, resolved on first use (a remembered shard can start before it). When this node is
    /// stopping, the region may already have handed its shards off and stopped; the watchers are then told when the
    /// presentity starts again on another node (<see cref="RetellWithin"/>; docs/operations.md, "Cluster").
    /// </summary>
    private IActorRef Subscriptions
    {
        get
        {
            if (subscriptions is null)
            {
                try
                {
                    subscriptions = ClusterSharding.Get(Context.System).ShardRegion(Sharding.SubscriptionRegion.Name);
                }
                catch (ArgumentException e)
                {
                    Log.Warning("Presentities: no subscription region ({0}); watchers not told of a change", e.Message);
                    return ActorRefs.Nobody;
                }
            }

            return subscriptions;
        }
    }

    /// <summary>
    /// Writes watcher events, then tells every watcher-info subscription what they changed (RFC 3857 section 5.1: a
    /// NOTIFY on every change of the watcher set), then runs <paramref name="then"/>.
    /// </summary>
    private void WriteWatchers(Slot slot, IReadOnlyList<IPresentityEvent> events, IActorRef? requester, Action then)
    {
        var before = slot.State;
        Write(slot, events, requester, () =>
        {
            var changes = new List<WatcherState>();
            var state = before;
            foreach (var change in events)
            {
                changes.AddRange(WatcherInfoChanges.Between(state, change));
                state = state.Apply(change);
            }

            if (changes.Count > 0)
            {
                foreach (var winfo in slot.State.Watchers.Values.Where(w => w.Package == EventPackages.WatcherInfo))
                {
                    Subscriptions.Tell(new WatchersChanged(winfo.SubscriptionId, slot.Id, changes));
                }
            }

            then();
        });
    }

    private void TellWatchers(Slot slot)
    {
        var state = slot.State;
        if (state.Watchers.IsEmpty)
        {
            return;
        }

        // Each watcher sees the composed document as the owner's rules transform it for it (RFC 5025 section 3.3); watchers
        // with the same permissions share one filtered document. One the rules block is told nothing more.
        var now = Clock.GetUtcNow();
        foreach (var watcher in state.Watchers.Values)
        {
            if (watcher.IsPresence)
            {
                var (decision, document, digest) = slot.ViewFor(defaultPolicy, state, watcher.Watcher, now);
                if (decision != AuthorizationDecision.Block)
                {
                    Subscriptions.Tell(new PresenceChanged(watcher.SubscriptionId, state.Aor, state.Version, document, digest));
                }
            }
        }
    }

    /// <summary>
    /// A new version of an owner document (RFC 5025 presence rules, RFC 4827 hard state) from its XcapDocument entity:
    /// journaled, answered, then applied at once to the live subscriptions (RFC 5025 section 4) and shown to the watchers.
    /// </summary>
    private void TakeOwnerDocument(Slot slot, OwnerDocumentChanged changed, IActorRef sender)
    {
        var held = slot.State.OwnerDocuments.GetValueOrDefault(changed.Selector)?.ETag;
        if (held == changed.ETag)
        {
            sender.Tell(new OwnerDocumentTaken(slot.Id, changed.Selector, held, WantsPatches(slot)));
            return;
        }

        var at = Clock.GetUtcNow();
        var read = OwnerDocument.IsRead(changed.Auid);
        var services = OwnerDocument.IsList(changed.Auid) ? slot.Services(slot.State) : null;
        IReadOnlyList<IPresentityEvent> events =
            [new OwnerDocumentSet(slot.Id, changed.Selector, changed.Auid, changed.ETag, OwnerDocument.IsKept(changed.Auid) ? changed.Document : null, at)];
        Write(slot, events, sender, () =>
        {
            sender.Tell(new OwnerDocumentTaken(slot.Id, changed.Selector, changed.ETag, WantsPatches(slot)));

            // RFC 5875 section 4.7: every change of a watched document goes to the xcap-diff subscriptions, with the patch
            // when it starts from the version they were told (a version the presentity missed makes the patch useless).
            var patch = changed.PreviousETag == held ? changed.Patch ?? [] : [];
            var version = new XcapDocumentVersion(changed.Selector, held, changed.ETag, patch);
            foreach (var watcher in slot.State.Watchers.Values.Where(w => w.Package == EventPackages.XcapDiff))
            {
                Subscriptions.Tell(new XcapDocumentsChanged(watcher.SubscriptionId, slot.Id, [version]));
            }

            if (services is not null)
            {
                TellListWatchers(slot, services);
            }

            if (!read)
            {
                return;
            }

            slot.PolicyChangeAt = slot.Policy(defaultPolicy, slot.State).NextChange(at);

            // The new documents first, then the decisions: a watcher the rules now allow is made active with the document
            // they let it see, not the one it had while pending.
            TellWatchers(slot);
            if (changed.Auid is OwnerDocument.PresRules or OwnerDocument.OmaPresRules)
            {
                Reauthorize(slot, at);
            }
        });
    }

    /// <summary>Whether an xcap-diff subscription watches the owner's documents (the documents then make patches).</summary>
    private static bool WantsPatches(Slot slot) => slot.State.Watchers.Values.Any(w => w.Package == EventPackages.XcapDiff);

    /// <summary>The owner's documents the presentity lists (selector, AUID, entity tag): the user's XCAP directory.</summary>
    private static void ListOwnerDocuments(Slot slot, GetOwnerDocuments query, IActorRef sender) =>
        sender.Tell(new OwnerDocumentList(
            query.Aor, [.. slot.State.OwnerDocuments.Select(d => new XcapDocumentVersion(d.Key, null, d.Value.ETag, []))]));

    /// <summary>
    /// Decides about every presence watcher again by the owner's rules (RFC 5025 section 4): each subscription is told the
    /// decision (allow activates a pending one, confirm makes an active one pending, block ends it with reason rejected,
    /// an unchanged one changes nothing), and the statuses watcher information shows are journaled.
    /// </summary>
    private void Reauthorize(Slot slot, DateTimeOffset now)
    {
        var state = slot.State;
        var policy = slot.Policy(defaultPolicy, state);
        if (!policy.HasRules)
        {
            return;
        }

        var sphere = slot.Sphere(defaultPolicy, state);
        Dictionary<string, SubscriptionStatus>? statuses = null;
        foreach (var watcher in state.Watchers.Values)
        {
            if (!watcher.IsPresence || policy.Evaluate(watcher.Watcher, sphere, now).Decision is not { } decision)
            {
                continue;
            }

            Subscriptions.Tell(new ApplyAuthorization(watcher.SubscriptionId, decision, now, state.Aor));
            if (decision != AuthorizationDecision.Block && StatusOf(decision, watcher.Status) is var status && status != watcher.Status)
            {
                (statuses ??= new Dictionary<string, SubscriptionStatus>(StringComparer.Ordinal))[watcher.SubscriptionId] = status;
            }
        }

        if (statuses is not null)
        {
            WriteWatchers(slot, [new WatcherStatusesChanged(state.Aor, statuses, now)], null, () => { });
        }
    }

    /// <summary>The status a decision gives a presence subscription (block: it stays as it is until it ends).</summary>
    private static SubscriptionStatus StatusOf(AuthorizationDecision decision, SubscriptionStatus current) => decision switch
    {
        AuthorizationDecision.Allow or AuthorizationDecision.PoliteBlock => SubscriptionStatus.Active,
        AuthorizationDecision.Confirm => SubscriptionStatus.Pending,
        _ => current,
    };

    /// <summary>The XcapDocument region (the owner's documents), or nobody when this node runs none.</summary>
    private IActorRef XcapDocuments
    {
        get
        {
            if (xcapDocuments is not null)
            {
                return xcapDocuments;
            }

            try
            {
                return ClusterSharding.Get(Context.System).ShardRegion(Sharding.XcapDocumentRegion.Name);
            }
            catch (ArgumentException e)
            {
                Log.Warning("Presentities: no XCAP document region ({0}); decisions not migrated", e.Message);
                return ActorRefs.Nobody;
            }
        }
    }

    /// <summary>One presentity of the shard, and what it holds in memory only.</summary>
    public sealed class Slot : EntitySlot<PresentityState>
    {
        private ComposedDocument? composed;

        /// <summary>The composed document of the current version (made on first use: a presentity nobody watches needs none).</summary>
        public ComposedDocument Composed => composed ??= new ComposedDocument();

        private (ImmutableSortedDictionary<string, OwnerDocument> Documents, ImmutableSortedDictionary<string, AuthorizationDecision> Rules, PresencePolicy Policy)? policy;
        private (long Version, string? Sphere)? sphere;
        private (ImmutableSortedDictionary<string, OwnerDocument> Documents, IReadOnlyDictionary<string, Rls.ListDefinition> Services)? services;
        private (long Version, Dictionary<PresencePermissions, (byte[] Body, string Digest)> Views)? views;

        /// <summary>The owner's policy, made again only when the owner documents or the old decisions changed.</summary>
        public PresencePolicy Policy(SubscriptionPolicy fallback, PresentityState state)
        {
            if (policy is { } made && ReferenceEquals(made.Documents, state.OwnerDocuments) && ReferenceEquals(made.Rules, state.Rules))
            {
                return made.Policy;
            }

            var current = PresencePolicy.Of(state, fallback);
            policy = (state.OwnerDocuments, state.Rules, current);
            return current;
        }

        /// <summary>The presentity's sphere in the composed document of this version (RFC 4480 section 3.2.6), for the sphere condition.</summary>
        public string? Sphere(SubscriptionPolicy fallback, PresentityState state)
        {
            if (!Policy(fallback, state).HasRules)
            {
                return null;
            }

            if (sphere is not { } known || known.Version != state.Version)
            {
                sphere = known = (state.Version, PresenceFilter.SphereOf(Composed.DocumentFor(state)));
            }

            return known.Sphere;
        }

        /// <summary>
        /// The decision about <paramref name="watcher"/> and the document it sees of this version with its digest: the
        /// composed one when no rule transforms it, else the composed one filtered by its permissions (RFC 5025 section
        /// 3.3), once per distinct permissions.
        /// </summary>
        public (AuthorizationDecision? Decision, byte[] Body, string Digest) ViewFor(SubscriptionPolicy fallback, PresentityState state, string watcher, DateTimeOffset now)
        {
            var (decision, permissions) = Policy(fallback, state).Evaluate(watcher, Sphere(fallback, state), now);
            if (permissions is null || permissions.ProvidesEverything)
            {
                return (decision, Composed.For(state), Composed.DigestFor(state));
            }

            if (views is not { } cache || cache.Version != state.Version)
            {
                views = cache = (state.Version, new Dictionary<PresencePermissions, (byte[], string)>());
            }

            if (!cache.Views.TryGetValue(permissions, out var view))
            {
                var body = SimpleActors.Presence.Pidf.Write(PresenceFilter.Apply(Composed.DocumentFor(state), permissions));
                view = (body, NotifyDigest.Of(body)!);
                cache.Views[permissions] = view;
            }

            return (decision, view.Body, view.Digest);
        }

        /// <summary>
        /// The owner's list services by canonical URI, resolved from its rls-services and resource-lists documents
        /// (<see cref="Rls.OwnerListServices"/>), again only when the owner documents changed.
        /// </summary>
        public IReadOnlyDictionary<string, Rls.ListDefinition> Services(PresentityState state)
        {
            if (services is { } made && ReferenceEquals(made.Documents, state.OwnerDocuments))
            {
                return made.Services;
            }

            var current = Rls.OwnerListServices.Resolve(state.Aor, state.OwnerDocuments);
            services = (state.OwnerDocuments, current);
            return current;
        }

        /// <summary>When a rule's validity next begins or ends, if ever.</summary>
        public DateTimeOffset? PolicyChangeAt { get; set; }

        /// <summary>When to wake each watching subscription, should it sleep then (its expiry; rebuilt on recovery).</summary>
        public Dictionary<string, DateTimeOffset>? Wakes { get; set; }

        /// <summary>When to tell the watchers the current state once more (after a recovery), if at all.</summary>
        public DateTimeOffset? RetellAt { get; set; }

        /// <summary>Until when the presentity stays in memory once it holds nothing.</summary>
        public DateTimeOffset LingerUntil { get; set; }

        public DateTimeOffset? WakeEarliest() => Wakes is { Count: > 0 } wakes ? wakes.Values.Min() : null;
    }
}

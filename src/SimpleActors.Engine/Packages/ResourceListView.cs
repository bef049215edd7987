using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Rls;
using SimpleActors.Engine.Subscription;
using SimpleActors.Presence.PidfDiff;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// A list subscription's view (RFC 4662): the list's resources in list order, for each the state of its one instance
/// (the watch of that presentity on the subscriber's behalf, RFC 4662 section 7.1.2: each presentity's rules decide
/// about the subscriber) and the document the presentity told, and what the subscriber was last sent. Its NOTIFY bodies
/// are multipart/related with an RLMI document first (<see cref="ListNotifyBody"/>): full state first, after a refresh
/// and after the list itself changed, else only the resources that changed (section 5.6); a body over the size limit
/// carries what fits and leaves the rest for the next NOTIFY. A subscriber that accepts pidf-diff (RFC 5263) gets each
/// resource's part as a <c>&lt;pidf-full&gt;</c> in full state and as a <c>&lt;pidf-diff&gt;</c> from the document that
/// resource was last sent in partial state, its version counted per resource (each instance is its own context, RFC 5262).
/// </summary>
public sealed class ResourceListView : ISubscriptionView
{
    private readonly Dictionary<string, ListMember> members = new(StringComparer.Ordinal);
    private readonly Func<string, bool> isLocal;
    private readonly PidfDiffCache diffs;
    private readonly int maxBodyBytes;
    private List<string> order = [];
    private bool fullDue = true;
    private bool waitedEnough;
    private uint sentVersion;

    /// <param name="target">The list, as the subscription names it.</param>
    /// <param name="isLocal">Whether a resource is a presentity of our domains (watched inside the cluster).</param>
    /// <param name="maxBodyBytes">The largest NOTIFY body; a bigger state goes out over several NOTIFYs.</param>
    public ResourceListView(ListTarget target, Func<string, bool> isLocal, int maxBodyBytes, PidfDiffCache? diffs = null)
    {
        this.diffs = diffs ?? PidfDiffCache.Shared;
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        this.isLocal = isLocal;
        this.maxBodyBytes = maxBodyBytes;
        Name = target.Name;
    }

    /// <summary>The list as the subscription names it.</summary>
    public ListTarget Target { get; }

    /// <summary>The list's display name (RLMI <c>name</c>).</summary>
    public string? Name { get; private set; }

    /// <summary>The list's resources are known (a request-contained list's at once, a service's once its owner answered).</summary>
    public bool Defined { get; private set; }

    /// <summary>The resources in list order.</summary>
    public IEnumerable<string> Resources => order;

    /// <summary>The resources watched inside the cluster.</summary>
    public IEnumerable<string> LocalResources => order.Where(uri => members[uri].Local);

    /// <summary>
    /// The first NOTIFY may go: the list is known and every resource of ours has answered its watch (or the wait ran
    /// out: a presentity whose node is away must not hold up the list). RFC 4662 section 4.3 wants full state first.
    /// </summary>
    public bool Known => Defined && (waitedEnough || members.Values.All(m => m.Answered || !m.Local));

    public bool HasNews => Defined && (fullDue || members.Values.Any(m => m.Dirty));

    public long Version(SubscriptionState state) => sentVersion;

    /// <summary>Stop waiting for resources that have not answered: the next NOTIFY shows them without state.</summary>
    public void StopWaiting() => waitedEnough = true;

    /// <summary>The view lost track of what the subscriber holds: the next NOTIFY carries full state (RFC 4662 section 4.4).</summary>
    public void SendFullStateNext() => fullDue = true;

    /// <summary>
    /// The list's resources now (the first definition, or a change of the owner's documents): the resources to start
    /// and to stop watching. A changed list goes out as full state (RFC 4662 section 5.6.1: a resource that left is
    /// only gone from a full state).
    /// </summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Define(IReadOnlyList<ListResource> resources, string? name)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var now = new List<string>(resources.Count);
        var added = new List<string>();
        foreach (var resource in resources)
        {
            if (members.TryGetValue(resource.Uri, out var member))
            {
                if (member.Name != resource.Name)
                {
                    member.Name = resource.Name;
                    fullDue = true;
                }
            }
            else if (!now.Contains(resource.Uri))
            {
                members[resource.Uri] = new ListMember(resource.Uri, resource.Name, isLocal(resource.Uri));
                added.Add(resource.Uri);
            }

            if (!now.Contains(resource.Uri))
            {
                now.Add(resource.Uri);
            }
        }

        var removed = order.Where(uri => !now.Contains(uri)).ToList();
        foreach (var uri in removed)
        {
            members.Remove(uri);
        }

        if (Defined && (added.Count > 0 || removed.Count > 0 || name != Name || !order.SequenceEqual(now)))
        {
            fullDue = true;
        }

        order = now;
        Name = name;
        Defined = true;
        return (added, removed);
    }

    /// <summary>The status a watch starts with for a resource, before its owner's rules decide (stored for the answer without a decision).</summary>
    public void Watching(string uri, SubscriptionStatus status)
    {
        if (members.TryGetValue(uri, out var member))
        {
            member.DefaultStatus = status;
        }
    }

    /// <summary>A resource's presentity answered the watch: its document and, if its owner's rules decide, the decision.</summary>
    public bool Answer(string uri, long version, byte[] document, string? digest, AuthorizationDecision? decision)
    {
        if (!members.TryGetValue(uri, out var member))
        {
            return false;
        }

        member.Answered = true;
        member.Take(version, document, digest);
        member.Decide(decision);
        return true;
    }

    /// <summary>A resource's presentity told a new document (already filtered by its owner's rules for the subscriber).</summary>
    public bool Change(string uri, long version, byte[] document, string? digest) =>
        members.TryGetValue(uri, out var member) && member.Take(version, document, digest) && member.Dirty;

    /// <summary>A resource's owner decided about the subscriber again (RFC 5025 section 3.2.1).</summary>
    public bool Authorize(string uri, AuthorizationDecision decision)
    {
        if (!members.TryGetValue(uri, out var member))
        {
            return false;
        }

        member.Decide(decision);
        return member.Dirty;
    }

    /// <summary>A resource of another domain: its instance as its back-end subscription shows it (RFC 4662 section 4.2; Rls/BackendSubscription.cs).</summary>
    public bool Remote(string uri, RlmiInstanceState? state, string? reason, byte[]? document) =>
        members.TryGetValue(uri, out var member) && member.Remote(state, reason, document);

    /// <summary>
    /// The body of the next NOTIFY: RLMI with the resources (all for full state, else those that changed) and a part per
    /// instance with state, as many as fit; counts what it carries as sent.
    /// </summary>
    /// <remarks>The RLMI version is the NOTIFY's CSeq less one: 0 in the first NOTIFY, one more in each (RFC 4662 section 5.2).</remarks>
    public NotifyBody Body(SubscriptionState state, NotifyKind kind, bool rejected, uint cseq, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var version = cseq == 0 ? 0 : cseq - 1;
        sentVersion = version;
        var full = fullDue || kind == NotifyKind.Full;
        var listed = full ? order : order.Where(uri => members[uri].Dirty).ToList();
        var resources = listed.Select(uri => members[uri].ToResource(state.Partial, full, diffs)).ToList();
        var built = ListNotifyBody.Build(
            Target.Uri, version, full, Name, resources, maxBodyBytes, Target.LinphoneForm ? ContentIdForm.Bare : ContentIdForm.Rfc2392);
        foreach (var resource in resources)
        {
            var member = members[resource.Uri];
            if (built.Delivered.Contains(resource.Uri))
            {
                member.Sent(resource);
            }
            else if (full)
            {
                member.Dirty = true; // listed without its state: it follows in the next NOTIFY
            }
        }

        if (full)
        {
            fullDue = false;
        }

        return new NotifyBody(built.Body, version, null, built.ContentType);
    }

    /// <summary>One resource of the list and its one instance.</summary>
    private sealed class ListMember(string uri, string? name, bool local)
    {
        public string Uri { get; } = uri;

        public string? Name { get; set; } = name;

        public bool Local { get; } = local;

        public bool Answered { get; set; }

        public SubscriptionStatus DefaultStatus { get; set; } = SubscriptionStatus.Active;

        public RlmiInstanceState? State { get; private set; }

        public string? Reason { get; private set; }

        public bool Polite { get; private set; }

        // A terminated instance stays terminated: one that starts again is a new instance (RFC 4662 section 5.4).
        public int Generation { get; private set; }

        public byte[]? Document { get; private set; }

        public long DocumentVersion { get; private set; }

        public string? Digest { get; private set; }

        public bool Dirty { get; set; }

        private (RlmiInstanceState? State, string? Digest, bool Polite) sent;

        // For a subscriber that accepts pidf-diff: the document this resource was last sent, and the version of the last part.
        private (byte[] Document, string Digest)? sentDocument;
        private uint partVersion;

        public bool Take(long version, byte[] document, string? digest)
        {
            if (Document is not null && version <= DocumentVersion)
            {
                return false;
            }

            Document = document;
            DocumentVersion = version;
            Digest = digest ?? NotifyDigest.Of(document);
            Dirty = !Equals(Sent(State, Polite), sent);
            return true;
        }

        public void Decide(AuthorizationDecision? decision)
        {
            var (state, reason, polite) = decision switch
            {
                AuthorizationDecision.Allow => (RlmiInstanceState.Active, (string?)null, false),
                AuthorizationDecision.PoliteBlock => (RlmiInstanceState.Active, null, true),
                AuthorizationDecision.Confirm => (RlmiInstanceState.Pending, null, false),
                AuthorizationDecision.Block => (RlmiInstanceState.Terminated, SubscriptionDecision.Rejected, false),
                _ => (DefaultStatus == SubscriptionStatus.Pending ? RlmiInstanceState.Pending : RlmiInstanceState.Active, null, false),
            };
            if (State == RlmiInstanceState.Terminated && state != RlmiInstanceState.Terminated)
            {
                Generation++;
            }

            State = state;
            Reason = reason;
            Polite = polite;
            Dirty = !Equals(Sent(State, Polite), sent);
        }

        public bool Remote(RlmiInstanceState? state, string? reason, byte[]? document)
        {
            if (State == RlmiInstanceState.Terminated && state is not null and not RlmiInstanceState.Terminated)
            {
                Generation++;
            }

            (State, Reason, Polite) = (state, reason, false);
            if (document is not null && !ReferenceEquals(document, Document))
            {
                (Document, Digest) = (document, NotifyDigest.Of(document));
            }

            Dirty = !Equals(Sent(State, Polite), sent);
            return Dirty;
        }

        public void Sent(ListNotifyBody.Resource resource)
        {
            sent = Sent(State, Polite);
            Dirty = false;
            if (resource.Instance?.Version is { } version)
            {
                partVersion = version;
                sentDocument = State == RlmiInstanceState.Active && !Polite && Document is not null ? (Document, Digest!) : null;
            }
        }

        private (RlmiInstanceState?, string?, bool) Sent(RlmiInstanceState? state, bool polite) =>
            (state, state == RlmiInstanceState.Active && !polite ? Digest : null, polite);

        /// <summary>
        /// The resource as the next NOTIFY lists it: for a <paramref name="partial"/> subscriber its part is a pidf-full
        /// (in a <paramref name="full"/> state, or with no base) or the pidf-diff from the document last sent.
        /// </summary>
        public ListNotifyBody.Resource ToResource(bool partial, bool full, PidfDiffCache diffs)
        {
            if (State is not { } state)
            {
                return new ListNotifyBody.Resource(Uri, Name, null);
            }

            byte[]? body = state != RlmiInstanceState.Active ? null : Polite ? SimpleActors.Presence.Pidf.WriteClosed(Uri) : Document;
            var id = InstanceId.Of(Uri, Generation);
            if (!partial || body is null)
            {
                return new ListNotifyBody.Resource(Uri, Name, new ListNotifyBody.Instance(id, state, Reason, body, SimpleActors.Presence.Pidf.ContentType));
            }

            var version = partVersion + 1;
            var part = !full && !Polite && sentDocument is { } before && Digest is { } digest
                && diffs.Directives(before.Digest, before.Document, digest, body) is { } directives
                    ? PidfDiff.WriteDiff(Uri, version, directives)
                    : PidfDiff.WriteFull(body, version);
            return new ListNotifyBody.Resource(Uri, Name, new ListNotifyBody.Instance(id, state, Reason, part, PidfDiff.ContentType, version));
        }
    }
}

using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// One event package (RFC 6665 section 7: what a package must define), as the notifier needs it: the bodies its NOTIFYs
/// carry, who may subscribe and with which status they start, and how its NOTIFYs are numbered. Registered by name in
/// <see cref="EventPackages"/>, as reSIProcate's DUM registers a handler per event type; the rules every package shares
/// (one NOTIFY in flight, rate limits, the final NOTIFY) are the <see cref="Sip.Events.Notifier"/>'s.
/// </summary>
public interface IEventPackage
{
    /// <summary>The package's name in the Event header (RFC 6665 section 7.2; case-sensitive token).</summary>
    string Name { get; }

    /// <summary>The type of its NOTIFY bodies; a SUBSCRIBE whose Accept omits it is refused (RFC 6665 section 4.2.1, 406).</summary>
    string ContentType { get; }

    /// <summary>
    /// The type of its partial NOTIFY bodies, for watchers whose Accept lists it (RFC 5263 section 3 for presence); null
    /// when the package has none.
    /// </summary>
    string? PartialContentType => null;

    /// <summary>
    /// Why <paramref name="watcher"/> may not subscribe to <paramref name="resource"/> at all (a 403's reason), or null when it
    /// may; <paramref name="ourUser"/> says the watcher is a user of our domains, who must then authenticate as itself.
    /// </summary>
    string? Refusal(string resource, string watcher, bool ourUser);

    /// <summary>The status a new subscription starts with, before any rule of the resource's owner decides (RFC 6665 section 4.2.1.1).</summary>
    SubscriptionStatus FirstStatus(string resource, string watcher, SubscriptionOptions options);

    /// <summary>
    /// True when every NOTIFY's record must be in the journal before it leaves (its document carries a number that must
    /// never repeat, RFC 3858 section 4.4); false when CSeqs are reserved in blocks and NOTIFYs inside one leave at once.
    /// </summary>
    bool NumbersDocuments { get; }

    /// <summary>True when an idle subscription may leave memory and be woken by its resource (docs/presence.md, "Sleeping").</summary>
    bool MaySleep { get; }

    /// <summary>A new subscription's view of its resource.</summary>
    ISubscriptionView NewView();
}

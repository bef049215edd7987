using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// The presence package (RFC 3856): NOTIFYs carry the presentity's composed PIDF (RFC 3863); anyone may ask, and the
/// configured policy (until the owner's rules decide) sets the first status (RFC 3856 section 6.6). Subscriptions sleep
/// when idle; their CSeqs are reserved in blocks, so a fan-out waits for no journal write.
/// </summary>
public sealed class PresencePackage : IEventPackage
{
    public static readonly PresencePackage Instance = new();

    private PresencePackage()
    {
    }

    public string Name => EventPackages.Presence;

    public string ContentType => SimpleActors.Presence.Pidf.ContentType;

    /// <summary>RFC 5263 section 3: a watcher whose Accept lists pidf-diff gets pidf-full, then pidf-diff patches.</summary>
    public string? PartialContentType => SimpleActors.Presence.PidfDiff.PidfDiff.ContentType;

    public bool NumbersDocuments => false;

    public bool MaySleep => true;

    public string? Refusal(string resource, string watcher, bool ourUser) => null;

    public SubscriptionStatus FirstStatus(string resource, string watcher, SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SubscriptionDecision.Authorize(resource, watcher, options.Policy);
    }

    public ISubscriptionView NewView() => new PresenceView();
}

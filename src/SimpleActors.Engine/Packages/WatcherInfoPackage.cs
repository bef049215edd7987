using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// The watcher information of presence (RFC 3857's template package over presence, <c>presence.winfo</c>): NOTIFYs carry
/// watcherinfo documents (RFC 3858), full and partial, numbered per subscription. Only the presentity itself may
/// subscribe (RFC 3857 section 5.6), so it starts active. Its documents build on what the subscription holds in memory,
/// so it does not sleep, and each NOTIFY is journaled before it leaves (the number must not repeat).
/// </summary>
public sealed class WatcherInfoPackage : IEventPackage
{
    public static readonly WatcherInfoPackage Instance = new();

    private WatcherInfoPackage()
    {
    }

    public string Name => EventPackages.WatcherInfo;

    public string ContentType => SimpleActors.Presence.WatcherInfo.ContentType;

    public bool NumbersDocuments => true;

    public bool MaySleep => false;

    public string? Refusal(string resource, string watcher, bool ourUser) =>
        ourUser && string.Equals(resource, watcher, StringComparison.Ordinal) ? null : "Only the presentity may watch its watchers";

    public SubscriptionStatus FirstStatus(string resource, string watcher, SubscriptionOptions options) => SubscriptionStatus.Active;

    public ISubscriptionView NewView() => new WatcherInfoView();
}

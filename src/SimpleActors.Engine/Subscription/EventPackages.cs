using SimpleActors.Engine.Packages;

namespace SimpleActors.Engine.Subscription;

/// <summary>The event packages a subscription can be for (RFC 6665 section 7.2; the names are case-sensitive tokens), by name.</summary>
public static class EventPackages
{
    /// <summary>The presence of a presentity (RFC 3856): NOTIFYs carry PIDF.</summary>
    public const string Presence = "presence";

    /// <summary>The watchers of a presentity's presence (RFC 3857 template package): NOTIFYs carry watcherinfo (RFC 3858).</summary>
    public const string WatcherInfo = "presence.winfo";

    /// <summary>Changes of a user's XCAP documents (RFC 5875): NOTIFYs carry xcap-diff documents (RFC 5874).</summary>
    public const string XcapDiff = "xcap-diff";

    private static readonly IEventPackage[] Served = [PresencePackage.Instance, WatcherInfoPackage.Instance, XcapDiffPackage.Instance];

    /// <summary>The packages a SUBSCRIBE may name here, as Allow-Events lists them (RFC 6665 section 8.2.2).</summary>
    public static readonly IReadOnlyList<string> Subscribable = [.. Served.Select(p => p.Name)];

    /// <summary>The package of this name; an unknown one is a programming error (the router refuses unknown packages with 489).</summary>
    public static IEventPackage Get(string name)
    {
        // A loop, not a lambda: this runs for every NOTIFY of a fan-out.
        foreach (var package in Served)
        {
            if (package.Name == name)
            {
                return package;
            }
        }

        throw new ArgumentException($"No event package {name} is served.", nameof(name));
    }

    /// <summary>The package an empty value (an event journaled before packages were recorded) stands for.</summary>
    public static string OrPresence(string? package) => string.IsNullOrEmpty(package) ? Presence : package;
}

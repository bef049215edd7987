using SimpleActors.Engine.Subscription;
using SimpleActors.Xcap.Diff;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// The xcap-diff event package (RFC 5875): a user watches its own XCAP documents and is told every change as an
/// xcap-diff document (RFC 5874) with the previous and new entity tags, and the patch when it asked for patches. The
/// SUBSCRIBE's resource list names the documents and folders; the edge keeps those the user may read (its own tree, RFC
/// 5875 section 4.4: as if it had done a GET). The state lives in the subscription's memory (the owner's presentity sends
/// it anew after a restart, and the next NOTIFY is full state), so it does not sleep.
/// </summary>
public sealed class XcapDiffPackage : IEventPackage
{
    public static readonly XcapDiffPackage Instance = new();

    private XcapDiffPackage()
    {
    }

    public string Name => EventPackages.XcapDiff;

    public string ContentType => XcapDiffDocument.MediaType;

    public bool NumbersDocuments => false;

    public bool MaySleep => false;

    /// <summary>RFC 5875 section 4.4: the documents are the user's own; so is the subscription (authenticated as itself).</summary>
    public string? Refusal(string resource, string watcher, bool ourUser) =>
        ourUser && string.Equals(resource, watcher, StringComparison.Ordinal) ? null : "A user watches only its own XCAP documents";

    public SubscriptionStatus FirstStatus(string resource, string watcher, SubscriptionOptions options) => SubscriptionStatus.Active;

    public ISubscriptionView NewView() => new XcapDiffView();
}

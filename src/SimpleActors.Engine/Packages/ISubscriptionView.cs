using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// What one subscription holds in memory of its resource's state, as its package keeps it, and the NOTIFY bodies made
/// from it. The resource sends the state in the package's own messages; the view takes them.
/// </summary>
public interface ISubscriptionView
{
    /// <summary>The resource's state has arrived (a NOTIFY can say something).</summary>
    bool Known { get; }

    /// <summary>Something changed that the watcher has not been sent.</summary>
    bool HasNews { get; }

    /// <summary>The state version a NOTIFY now would carry, for its record.</summary>
    long Version(SubscriptionState state);

    /// <summary>
    /// The body of a NOTIFY of <paramref name="kind"/> for the subscription in <paramref name="state"/>; <paramref name="rejected"/>
    /// when the resource's owner refused the watcher (the final NOTIFY then says nothing of the state); <paramref name="cseq"/>
    /// is the NOTIFY's CSeq (a partial presence document's version, RFC 5263 section 3). Counts as sent.
    /// </summary>
    NotifyBody Body(SubscriptionState state, NotifyKind kind, bool rejected, uint cseq, DateTimeOffset now);
}

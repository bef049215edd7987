namespace SimpleActors.Sip.Events;

/// <summary>What a NOTIFY the <see cref="Notifier"/> asks for reports.</summary>
public enum NotifyKind
{
    /// <summary>A change of the resource's state (rate limited; a package may send only what changed).</summary>
    Change,

    /// <summary>The whole state, answering a request: an accepted SUBSCRIBE or a new authorization (RFC 6665 section 4.2.1).</summary>
    Full,

    /// <summary>The last one, <c>Subscription-State: terminated</c> (RFC 6665 section 4.2.2); nothing follows it.</summary>
    Final,
}

namespace SimpleActors.Sip.Events;

/// <summary>Where a <see cref="Notifier"/> stands (drawn in its comment).</summary>
public enum NotifierPhase
{
    /// <summary>No NOTIFY out and none waiting.</summary>
    Idle,

    /// <summary>One NOTIFY out, its final response awaited.</summary>
    InFlight,

    /// <summary>A change waits for the end of the minimum interval since the last NOTIFY.</summary>
    RateLimited,

    /// <summary>The final NOTIFY is due and waits for the one out to be answered.</summary>
    Ending,

    /// <summary>The final NOTIFY went; nothing more is sent.</summary>
    Ended,
}

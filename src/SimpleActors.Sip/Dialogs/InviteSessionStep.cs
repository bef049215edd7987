namespace SimpleActors.Sip.Dialogs;

/// <summary>What the owner of an <see cref="InviteSession"/> does after a transition.</summary>
public abstract record InviteSessionStep
{
    private InviteSessionStep()
    {
    }

    /// <summary>Nothing to do.</summary>
    public static readonly InviteSessionStep None = new NoneStep();

    /// <summary>Answer the request with this status (a 487 to a cancelled INVITE, 200 to a BYE, 481, 500 with Retry-After ...).</summary>
    public sealed record Respond(int StatusCode, string? Reason = null, int? RetryAfter = null) : InviteSessionStep;

    /// <summary>Send the 2xx again now, and call <see cref="InviteSession.Elapsed"/> at <paramref name="Next"/>.</summary>
    public sealed record Retransmit(DateTimeOffset Next) : InviteSessionStep;

    /// <summary>Call <see cref="InviteSession.Elapsed"/> at this time.</summary>
    public sealed record WakeAt(DateTimeOffset At) : InviteSessionStep;

    /// <summary>No ACK came for 64*T1: send this BYE in the dialog, which ends the session (RFC 3261 section 13.3.1.4).</summary>
    public sealed record SendBye(OutgoingRequest Bye) : InviteSessionStep;

    /// <summary>The input does not fit and changed nothing (a stray ACK, a timer that has nothing to do).</summary>
    public sealed record Refused(string Why) : InviteSessionStep;

    private sealed record NoneStep : InviteSessionStep;
}

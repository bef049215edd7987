namespace SimpleActors.Edge.Dialogs;

/// <summary>Why an INVITE session a usage answered ended (<see cref="IInviteUsage.Ended"/>).</summary>
public enum InviteSessionEnd
{
    /// <summary>The peer sent BYE (RFC 3261 section 15.1.2).</summary>
    Bye,

    /// <summary>The peer cancelled the initial INVITE before its answer (section 9.2).</summary>
    Cancelled,

    /// <summary>No ACK came for our 2xx in 64*T1: we sent a BYE (section 13.3.1.4).</summary>
    NoAck,

    /// <summary>The usage ended it (<see cref="InviteUas.HangupAsync"/>): we sent a BYE (section 15.1.1).</summary>
    Hangup,
}

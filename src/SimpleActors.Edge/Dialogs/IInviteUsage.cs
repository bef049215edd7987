using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Dialogs;

/// <summary>
/// A usage that answers INVITEs as a UAS (RFC 3261 sections 13.3, 14.2 and 15; the chat rooms of a later issue): it
/// says which Request-URIs it serves and what it answers, and is told how its sessions go. The rules every such usage
/// shares (2xx resent until the ACK, CANCEL, re-INVITE order and glare, BYE, 481 after the end) are
/// <see cref="InviteUas"/>'s and <see cref="InviteSession"/>'s, not the usage's.
/// </summary>
public interface IInviteUsage
{
    /// <summary>Whether an initial INVITE to this Request-URI is ours to answer (a room URI); decided before the user lookup.</summary>
    bool Serves(SipUri requestUri);

    /// <summary>
    /// The final answer to an initial INVITE (<paramref name="dialog"/> null) or a re-INVITE in the session
    /// <paramref name="localTag"/> names (RFC 3261 section 14.2). <paramref name="cancelled"/> fires when a CANCEL ends
    /// the INVITE first: the 487 is sent already and the answer is dropped.
    /// </summary>
    Task<InviteAnswer> AnswerAsync(SipRequest invite, string localTag, Dialog? dialog, CancellationToken cancelled);

    /// <summary>The ACK of a 2xx came (RFC 3261 section 13.3.1.4): the session is up, with this dialog (target refreshed after a re-INVITE).</summary>
    void Confirmed(string localTag, Dialog dialog);

    /// <summary>The session is over (BYE from either side, CANCEL, no ACK), never to be named again; a rejected initial INVITE ends none.</summary>
    void Ended(string localTag, InviteSessionEnd why);
}

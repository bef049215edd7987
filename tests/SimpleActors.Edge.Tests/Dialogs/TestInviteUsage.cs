using System.Collections.Concurrent;
using System.Text;
using SimpleActors.Edge.Dialogs;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Dialogs;

/// <summary>A usage that answers INVITEs to <c>sip:room@...</c> (a chat room's part, later) and records what it is told.</summary>
internal sealed class TestInviteUsage : IInviteUsage
{
    /// <summary>An MSRP session description, as a chat room would answer (RFC 4975 section 8).</summary>
    public const string Sdp =
        "v=0\r\no=room 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=message 7394 TCP/MSRP *\r\na=accept-types:message/cpim\r\na=path:msrp://127.0.0.1:7394/room1;tcp\r\n";

    /// <summary>How the usage answers; 200 with <see cref="Sdp"/> unless a test says otherwise.</summary>
    public Func<SipRequest, Dialog?, CancellationToken, Task<InviteAnswer>> Answer { get; set; } = (_, _, _) => Task.FromResult(Ok());

    public ConcurrentQueue<(SipRequest Invite, string LocalTag, Dialog? Dialog, CancellationToken Cancelled)> Offers { get; } = new();

    public ConcurrentQueue<(string LocalTag, Dialog Dialog)> Confirmations { get; } = new();

    public ConcurrentQueue<(string LocalTag, InviteSessionEnd Why)> Ends { get; } = new();

    public static InviteAnswer Ok() => new(200, null, "application/sdp", Encoding.UTF8.GetBytes(Sdp));

    public bool Serves(SipUri requestUri) => requestUri.User == "room";

    public Task<InviteAnswer> AnswerAsync(SipRequest invite, string localTag, Dialog? dialog, CancellationToken cancelled)
    {
        Offers.Enqueue((invite, localTag, dialog, cancelled));
        return Answer(invite, dialog, cancelled);
    }

    public void Confirmed(string localTag, Dialog dialog) => Confirmations.Enqueue((localTag, dialog));

    public void Ended(string localTag, InviteSessionEnd why) => Ends.Enqueue((localTag, why));
}

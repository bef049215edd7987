using System.Globalization;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// What identifies a server transaction (RFC 3261 section 17.2.3). With a magic-cookie branch: the branch,
/// the sent-by of the top Via and the method, ACK counting as INVITE. Without one (RFC 2543 peers): the
/// Request-URI, To tag, From tag, Call-ID, CSeq number and method, and the whole top Via. Parameter values
/// are case-insensitive (section 7.3.1), so the branch is kept in lower case.
/// </summary>
public sealed record ServerTransactionKey
{
    private ServerTransactionKey(string method, string topVia)
    {
        Method = method;
        TopVia = topVia;
    }

    /// <summary>The method of the transaction: the request's, INVITE for an ACK.</summary>
    public string Method { get; private init; }

    /// <summary>The top Via's branch in lower case; null for the RFC 2543 form.</summary>
    public string? Branch { get; private init; }

    /// <summary>RFC 3261 form: the top Via's sent-by (host[:port]). RFC 2543 form: the whole top Via.</summary>
    public string TopVia { get; private init; }

    /// <summary>RFC 2543 form only: the Request-URI as written.</summary>
    public string? RequestUri { get; private init; }

    /// <summary>RFC 2543 form only: the To tag.</summary>
    public string? ToTag { get; private init; }

    /// <summary>RFC 2543 form only: the From tag.</summary>
    public string? FromTag { get; private init; }

    /// <summary>RFC 2543 form only: the Call-ID.</summary>
    public string? CallId { get; private init; }

    /// <summary>RFC 2543 form only: the CSeq number.</summary>
    public uint CSeqNumber { get; private init; }

    /// <summary>True for the RFC 3261 (magic cookie) form.</summary>
    public bool IsRfc3261 => Branch is not null;

    /// <summary>The key of the transaction a request belongs to (for an ACK: the INVITE's transaction).</summary>
    /// <exception cref="ArgumentException">The request has no Via or no CSeq (validate it first).</exception>
    public static ServerTransactionKey For(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.TopVia ?? throw new ArgumentException("The request has no Via", nameof(request));
        var method = request.Method == SipMethod.Ack ? SipMethod.Invite : request.Method;
        if (via.HasMagicCookieBranch)
        {
            // RFC 3261 section 17.2.3: branch, sent-by and method (ACK matches INVITE).
            var sentBy = via.Port is { } port ? via.Host + ":" + port.ToString(CultureInfo.InvariantCulture) : via.Host;
            return new ServerTransactionKey(method, sentBy) { Branch = via.Branch!.ToLowerInvariant() };
        }

        // RFC 3261 section 17.2.3, RFC 2543 fallback: Request-URI, To tag, From tag, Call-ID, CSeq, top Via.
        var cseq = request.CSeq ?? throw new ArgumentException("The request has no CSeq", nameof(request));
        return new ServerTransactionKey(method, via.ToString())
        {
            RequestUri = request.RequestUriText,
            ToTag = request.To?.Tag,
            FromTag = request.From?.Tag,
            CallId = request.CallId,
            CSeqNumber = cseq.Number,
        };
    }

    /// <summary>
    /// The key of the transaction a CANCEL asks to cancel (RFC 3261 section 9.2): the CANCEL's own key with the
    /// method of the cancelled request. The CANCEL itself is a transaction of its own (<see cref="For"/>).
    /// </summary>
    public static ServerTransactionKey ForCancelled(SipRequest cancel, string cancelledMethod = SipMethod.Invite)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        return For(cancel) with { Method = cancelledMethod };
    }

    /// <summary>
    /// RFC 2543 form: the key without the To tag. An ACK for an initial INVITE carries the tag of the server's
    /// response while the INVITE had none (section 17.2.3), so its lookup falls back to this key and the
    /// transaction checks the tag (<see cref="InviteServerTransaction.IsAckOf"/>). The RFC 3261 form is returned as is.
    /// </summary>
    public ServerTransactionKey WithoutToTag() => IsRfc3261 || ToTag is null ? this : this with { ToTag = null };

    public override string ToString() => IsRfc3261
        ? $"{Method} {Branch} {TopVia}"
        : $"{Method} {CSeqNumber} {CallId} {FromTag}/{ToTag} {RequestUri} {TopVia} (RFC 2543)";
}

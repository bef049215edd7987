using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// A REGISTER for <see cref="Aor"/> (RFC 3261 section 10.3). The reply is a <see cref="RegisterResult"/>,
/// sent only after the events that record the change are in the journal.
/// </summary>
/// <param name="Aor">The canonical address of record (the To header's URI as an AOR).</param>
/// <param name="CallId">The request's Call-ID.</param>
/// <param name="CSeq">The request's CSeq number.</param>
/// <param name="Contacts">The Contact values; empty for a query (or with <paramref name="RemoveAll"/>).</param>
/// <param name="RemoveAll">True for <c>Contact: *</c>.</param>
/// <param name="HeaderExpires">The Expires header field, if any.</param>
/// <param name="Path">The Path header field values (RFC 3327), in order.</param>
/// <param name="Flow">The flow the request came in on (RFC 5626).</param>
/// <param name="Identity">The authenticated identity, if the request was authenticated.</param>
/// <param name="At">When the edge received the request.</param>
public sealed record Register(
    string Aor,
    string CallId,
    uint CSeq,
    IReadOnlyList<RequestedContact> Contacts,
    bool RemoveAll,
    int? HeaderExpires,
    IReadOnlyList<string> Path,
    SipFlow Flow,
    string? Identity,
    DateTimeOffset At) : IRegistrationMessage
{
    /// <summary>The edge's second send of this command after its answer did not come (<c>EntityAsk</c>): if the first was applied, answer as then.</summary>
    public bool Repeat { get; init; }
}

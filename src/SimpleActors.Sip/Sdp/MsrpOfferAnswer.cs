namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The offer/answer model (RFC 3264) as far as MSRP needs it (RFC 4975 sections 8.4 to 8.6, RFC 6135, RFC 6714): make
/// an offer, answer one, and read the result. Pure functions; a refusal is a value, not an exception.
/// </summary>
public static class MsrpOfferAnswer
{
    /// <summary>The discard port, for the m= line of an end that will not accept a connection (RFC 4145 section 4).</summary>
    public const int DiscardPort = 9;

    /// <summary>
    /// An offer of one MSRP stream: the proto from the own URI's scheme, a=setup:actpass (RFC 6135: this
    /// end accepts a connection, and connects when the answer says passive), a=msrp-cema when supported.
    /// </summary>
    public static MsrpMedia Offer(MsrpEndpointParameters local)
    {
        ArgumentNullException.ThrowIfNull(local);
        local.Validate();
        var firstHop = MsrpPathUri.Parse(local.Path[0]);
        var connection = local.Connection ?? (local.SupportsCema ? SdpConnection.For(firstHop.Host) : null);
        return MsrpMedia.Create(
            local.Port ?? firstHop.PortOrDefault,
            local.Proto,
            connection,
            local.Path,
            local.AcceptTypes,
            local.AcceptWrappedTypes,
            local.MaxSize,
            SetupRole.ActPass,
            local.SupportsCema,
            local.ChatRoom,
            local.Direction);
    }

    /// <summary>Answers an offered media description, reading it as MSRP first; refuses what is not usable MSRP.</summary>
    /// <param name="sessionConnection">The offer's session-level c= line, for CEMA.</param>
    public static MsrpAnswer Answer(MediaDescription offer, MsrpEndpointParameters local, SdpConnection? sessionConnection = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        if (!MsrpMedia.IsMsrp(offer))
        {
            return Reject(MsrpRejectionReason.NotMsrp, $"m={offer.MediaLine} is not MSRP over TCP or TLS (RFC 4975 section 8.1)");
        }

        if (offer.MediaLine.Port == 0)
        {
            return Reject(MsrpRejectionReason.StreamRemoved, "the offer has port 0 (RFC 3264 section 8.2)");
        }

        return MsrpMedia.TryRead(offer, sessionConnection, out var msrp, out var problem)
            ? Answer(msrp, local)
            : Reject(MsrpRejectionReason.InvalidMedia, problem);
    }

    /// <summary>
    /// Answers an MSRP offer (RFC 4975 section 8, RFC 3264 section 6):
    /// <list type="bullet">
    /// <item>the same proto (refused when the own URI's scheme does not match it);</item>
    /// <item>the own path;</item>
    /// <item>a=accept-types: the types both lists accept, in this end's order (<see cref="AcceptTypes.Intersect"/>);
    /// refused when there are none. a=accept-wrapped-types: this end's, when message/cpim is among them;</item>
    /// <item>a=setup per RFC 6135: actpass → <see cref="MsrpEndpointParameters.AnswerSetup"/>; active → passive;
    /// passive → active; holdconn → holdconn; none → none (the offerer connects, RFC 4975 section 5.4);</item>
    /// <item>a=msrp-cema only when offered and supported (RFC 6714), with c=/m= then set to the first hop;</item>
    /// <item>the direction this end wants, narrowed to the mirror of the offer's (RFC 3264 section 6.1);</item>
    /// <item>port: the given one, else 9 when this end is active (RFC 4145 section 4), else the first hop's.</item>
    /// </list>
    /// </summary>
    public static MsrpAnswer Answer(MsrpMedia offer, MsrpEndpointParameters local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        local.Validate();
        if (!offer.Proto.Equals(local.Proto, StringComparison.OrdinalIgnoreCase))
        {
            return Reject(MsrpRejectionReason.TransportMismatch, $"the offer is {offer.Proto} and this end's URI is for {local.Proto}");
        }

        var acceptTypes = AcceptTypes.Intersect(local.AcceptTypes, offer.AcceptTypes);
        if (acceptTypes.Count == 0)
        {
            return Reject(
                MsrpRejectionReason.NoCommonMediaType,
                $"no common type: the offer accepts {string.Join(' ', offer.AcceptTypes)}, this end {string.Join(' ', local.AcceptTypes)}");
        }

        // RFC 6135 with RFC 4145 section 4.1.
        SetupRole? setup = offer.Setup switch
        {
            null => null,
            SetupRole.ActPass => local.AnswerSetup,
            SetupRole.Active => SetupRole.Passive,
            SetupRole.Passive => SetupRole.Active,
            _ => SetupRole.HoldConn,
        };

        // RFC 6714: CEMA is used only when both ends say so; the c=/m= of a CEMA end name its first hop.
        var cema = offer.Cema && local.SupportsCema;
        var firstHop = MsrpPathUri.Parse(local.Path[0]);
        var connects = setup is SetupRole.Active or SetupRole.HoldConn;
        var port = local.Port ?? (connects ? DiscardPort : firstHop.PortOrDefault);
        var connection = local.Connection ?? (cema ? SdpConnection.For(firstHop.Host) : null);
        var wrapped = AcceptTypes.Contains(acceptTypes, AcceptTypes.Cpim) ? local.AcceptWrappedTypes : [];
        var direction = local.Direction & offer.Direction.Mirror();
        return new MsrpAnswer.Accepted(MsrpMedia.Create(
            port, offer.Proto, connection, local.Path, acceptTypes, wrapped, local.MaxSize, setup, cema, local.ChatRoom, direction));
    }

    /// <summary>
    /// Answers a whole offer (RFC 3264 section 6): the first MSRP media description that can be answered is taken,
    /// every other one (audio, a second MSRP stream) is refused with port 0, keeping its media, proto and formats.
    /// The answer has v=0, <paramref name="origin"/>, <c>s=-</c>, a session c= (the taken stream's, else the first
    /// hop's address), and the offer's t= (RFC 3264 section 6: the answer's time equals the offer's).
    /// </summary>
    public static MsrpSessionAnswer AnswerSession(SessionDescription offer, MsrpEndpointParameters local, SdpOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(origin);
        local.Validate();
        MsrpRejection? firstRejection = null;
        MsrpMedia? taken = null;
        var index = -1;
        var media = new MediaDescription[offer.Media.Count];
        for (var i = 0; i < media.Length; i++)
        {
            var offered = offer.Media[i];
            if (taken is null && MsrpMedia.IsMsrp(offered))
            {
                switch (Answer(offered, local, offer.Connection))
                {
                    case MsrpAnswer.Accepted accepted:
                        taken = accepted.Media;
                        index = i;
                        media[i] = accepted.Media.Description;
                        continue;
                    case MsrpAnswer.Rejected rejected:
                        firstRejection ??= rejected.Rejection;
                        break;
                }
            }

            var line = offered.MediaLine;
            media[i] = MediaDescription.Create(new SdpMediaLine(line.Media, 0, line.Proto, line.Formats, line.PortCount), []);
        }

        if (taken is null)
        {
            return new MsrpSessionAnswer.Rejected(
                firstRejection ?? new MsrpRejection(MsrpRejectionReason.NotMsrp, "the offer has no MSRP media description"));
        }

        var connection = taken.Connection ?? local.Connection ?? SdpConnection.For(MsrpPathUri.Parse(local.Path[0]).Host);
        var time = offer.SessionLines.FirstOrDefault(l => l.Type == 't') is { Value: { } t } ? t : "0 0";
        SdpLine[] session = [new('v', "0"), origin.ToLine(), new('s', "-"), connection.ToLine(), new('t', time)];
        return new MsrpSessionAnswer.Accepted(SessionDescription.Create(session, media), index, taken);
    }

    /// <summary>
    /// Reads a finished exchange from this end's side: its own media (sent), the peer's (received), and whether this end
    /// made the offer. Gives the session matching data (RFC 4975 section 5.4; under CEMA the session-ids only, RFC 6714),
    /// who connects (RFC 6135) and where; a <see cref="MsrpNegotiation.Problem"/> when the pair does not hold together.
    /// </summary>
    public static MsrpNegotiation Conclude(MsrpMedia local, MsrpMedia peer, bool localIsOfferer)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(peer);
        var (offer, answer) = localIsOfferer ? (local, peer) : (peer, local);
        var connection = ConnectionDecision.For(offer.Setup, answer.Setup);
        var cema = local.Cema && peer.Cema;
        var localConnects = connection.LocalConnects(localIsOfferer);
        var problem = !offer.Proto.Equals(answer.Proto, StringComparison.OrdinalIgnoreCase)
            ? $"the answer's proto {answer.Proto} is not the offer's {offer.Proto} (RFC 3264 section 6)"
            : connection.Problem;
        return new MsrpNegotiation
        {
            LocalUri = local.EndpointUri,
            LocalSessionId = MsrpPathUri.Parse(local.EndpointUri).SessionId,
            PeerPath = peer.Path,
            PeerSessionId = MsrpPathUri.Parse(peer.EndpointUri).SessionId,
            Cema = cema,
            Connection = connection,
            LocalConnects = localConnects,
            ConnectTo = localConnects ? Target(peer, cema) : null,
            PeerAcceptTypes = peer.AcceptTypes,
            PeerAcceptWrappedTypes = peer.AcceptWrappedTypes,
            PeerMaxSize = peer.MaxSize,
            Problem = problem,
        };
    }

    /// <summary>
    /// True when an updated offer or answer (a re-INVITE) starts a new MSRP session rather than keeping the current one:
    /// its path is not the same URIs in the same order (RFC 4975 section 8.4; URIs compared by section 6.1). A changed
    /// port or c= alone does not.
    /// </summary>
    public static bool IsNewSession(MsrpMedia current, MsrpMedia updated)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        return current.Path.Count != updated.Path.Count
            || current.Path.Zip(updated.Path).Any(pair => !MsrpPathUri.Parse(pair.First).SameAs(MsrpPathUri.Parse(pair.Second)));
    }

    // RFC 6714: under CEMA, connect to the c=/m= address; RFC 4975 section 8.1 otherwise: to the first URI
    // of the path.
    private static MsrpConnectTarget Target(MsrpMedia peer, bool cema)
    {
        if (cema && peer.Connection is { } connection)
        {
            return new MsrpConnectTarget(connection.Host, peer.Port, peer.IsTls);
        }

        var hop = MsrpPathUri.Parse(peer.FirstHop);
        var host = hop.Host.StartsWith('[') ? hop.Host[1..^1] : hop.Host;
        return new MsrpConnectTarget(host, hop.PortOrDefault, hop.Secure);
    }

    private static MsrpAnswer.Rejected Reject(MsrpRejectionReason reason, string detail) => new(new MsrpRejection(reason, detail));
}

namespace SimpleActors.Sip.Sdp;

/// <summary>
/// Who opens the MSRP connection, decided from the <c>a=setup</c> of an offer and its answer (RFC 6135 with
/// RFC 4145 section 4), or why the pair does not fit.
/// </summary>
/// <param name="Opener">The end that connects; null when the pair is invalid.</param>
/// <param name="Problem">Why the pair is invalid; null when it is valid.</param>
public sealed record ConnectionDecision(ConnectionOpener? Opener, string? Problem)
{
    public bool IsValid => Problem is null;

    /// <summary>True when this end opens the connection, given whether it made the offer.</summary>
    public bool LocalConnects(bool localIsOfferer) => Opener switch
    {
        ConnectionOpener.Offerer => localIsOfferer,
        ConnectionOpener.Answerer => !localIsOfferer,
        _ => false,
    };

    /// <summary>
    /// Decides from the offer's and the answer's setup role (null when the attribute is absent).
    /// <list type="table">
    /// <listheader><term>offer</term><description>answer → who connects</description></listheader>
    /// <item><term>absent or active</term><description>absent or passive → offerer (RFC 4975 section 5.4's default: an
    /// absent a=setup counts as active in an offer and passive in an answer, RFC 4145 section 4); holdconn → nobody</description></item>
    /// <item><term>actpass</term><description>active → answerer; passive or absent → offerer (an answerer that does not know
    /// RFC 6135 keeps RFC 4975's roles); holdconn → nobody</description></item>
    /// <item><term>passive</term><description>active → answerer; holdconn → nobody</description></item>
    /// <item><term>holdconn</term><description>holdconn → nobody</description></item>
    /// </list>
    /// Every other pair is invalid: both active, both passive, actpass in an answer.
    /// </summary>
    public static ConnectionDecision For(SetupRole? offer, SetupRole? answer)
    {
        var offered = offer ?? SetupRole.Active;
        var answered = answer ?? SetupRole.Passive;
        if (answered == SetupRole.ActPass)
        {
            return Invalid("an answer cannot say actpass (RFC 4145 section 4)", offer, answer);
        }

        return (offered, answered) switch
        {
            (SetupRole.HoldConn, SetupRole.HoldConn) => new(ConnectionOpener.Nobody, null),
            (SetupRole.HoldConn, _) => Invalid("an offer of holdconn is answered with holdconn", offer, answer),
            (_, SetupRole.HoldConn) => new(ConnectionOpener.Nobody, null),
            (SetupRole.Active or SetupRole.ActPass, SetupRole.Passive) => new(ConnectionOpener.Offerer, null),
            (SetupRole.Passive or SetupRole.ActPass, SetupRole.Active) => new(ConnectionOpener.Answerer, null),
            _ => Invalid("both ends would take the same role", offer, answer),
        };
    }

    private static ConnectionDecision Invalid(string why, SetupRole? offer, SetupRole? answer)
        => new(null, $"{why}: offer {Describe(offer)}, answer {Describe(answer)}");

    private static string Describe(SetupRole? role) => role is { } r ? "a=setup:" + r.ToToken() : "without a=setup";
}

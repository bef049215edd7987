using System.Diagnostics.Metrics;
using System.Net;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge;

/// <summary>
/// What the edge measures for operators (meter <c>SimpleActors.Edge</c>, exported by the node on <c>/metrics</c> and
/// readable with <c>dotnet-counters</c>): SIP requests received by method, SIP responses sent and received by method
/// and status code, transaction timeouts. On the hot path: no allocation per call (tags are interned strings and
/// status codes boxed once), and nothing but a flag check when nobody listens.
/// </summary>
public static class EdgeMetrics
{
    public const string MeterName = "SimpleActors.Edge";

    /// <summary>The tag value of a method this server does not know (a peer's extension method, or a typo).</summary>
    public const string OtherMethod = "other";

    public const string Sent = "sent";

    public const string Received = "received";

    /// <summary>The client transaction's Timer B or F fired: no final response came (RFC 3261 sections 17.1.1.2, 17.1.2.2).</summary>
    public const string ClientTimeout = "client";

    /// <summary>The server transaction's Timer H fired: the final response to an INVITE was not acknowledged (section 17.2.1).</summary>
    public const string ServerTimeout = "server";

    /// <summary>A request refused before its entity was asked: too many asks under way (admission control).</summary>
    public const string OverloadShed = "shed";

    /// <summary>A request whose entity did not answer in time.</summary>
    public const string OverloadTimeout = "timeout";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "sip.requests", "{request}", "SIP requests received (retransmissions and ACKs included), by method");

    private static readonly Counter<long> Responses = Meter.CreateCounter<long>(
        "sip.responses", "{response}", "SIP responses sent by the server's transactions or statelessly, and received by its client transactions, by method, status code and direction");

    private static readonly Counter<long> Timeouts = Meter.CreateCounter<long>(
        "sip.transaction.timeouts", "{transaction}", "Transactions ended by a timer: client (Timer B/F, no final response) or server (Timer H, no ACK)");

    private static readonly Counter<long> ReceiveFailures = Meter.CreateCounter<long>(
        "simpleactors.sip.receive.failures", "{failure}",
        "Datagrams, TCP frames, connections and accepts whose handling threw an unexpected exception; logged, and the loop went on. By transport and scope");

    private static readonly Counter<long> ReceiveLoopRestarts = Meter.CreateCounter<long>(
        "simpleactors.sip.receive_loop.restarts", "{restart}",
        "UDP receive loops and TCP accept loops that ended unexpectedly and were started again by their socket actor, by transport and listener");

    private static readonly Counter<long> Overloads = Meter.CreateCounter<long>(
        "sip.overload", "{request}", "Requests answered 503 with Retry-After because the node was overloaded: shed before asking their entity, or their entity did not answer in time");

    // Every status code a SIP message may carry (RFC 3261 section 7.2: 100-699), boxed once.
    private static readonly object[] StatusCodes = BoxStatusCodes();

    public static void RequestReceived(string method)
    {
        if (Requests.Enabled)
        {
            Requests.Add(1, new KeyValuePair<string, object?>("method", MethodTag(method)));
        }
    }

    public static void ResponseSent(string method, int status) => Response(method, status, Sent);

    public static void ResponseReceived(string method, int status) => Response(method, status, Received);

    /// <param name="kind"><see cref="ClientTimeout"/> or <see cref="ServerTimeout"/>.</param>
    public static void TransactionTimedOut(string method, string kind) =>
        Timeouts.Add(1, new KeyValuePair<string, object?>("method", MethodTag(method)), new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Handling one unit of input threw: <paramref name="scope"/> is <c>datagram</c>, <c>frame</c>, <c>connection</c> or <c>accept</c>.</summary>
    public static void ReceiveFailed(SipTransport transport, string scope) =>
        ReceiveFailures.Add(1, new KeyValuePair<string, object?>("transport", TransportTag(transport)), new KeyValuePair<string, object?>("scope", scope));

    /// <summary>A receive or accept loop of <paramref name="listener"/> ended unexpectedly and was started again.</summary>
    public static void ReceiveLoopRestarted(SipTransport transport, IPEndPoint listener) =>
        ReceiveLoopRestarts.Add(
            1, new KeyValuePair<string, object?>("transport", TransportTag(transport)), new KeyValuePair<string, object?>("listener", listener.ToString()));

    private static string TransportTag(SipTransport transport) => transport.ViaName().ToLowerInvariant();

    /// <param name="reason"><see cref="OverloadShed"/> or <see cref="OverloadTimeout"/>.</param>
    public static void Overloaded(string reason) => Overloads.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A known method as itself, any other as <see cref="OtherMethod"/>: a peer cannot grow the series without bound.</summary>
    public static string MethodTag(string? method) => method is not null && SipMethod.IsKnown(method) ? method : OtherMethod;

    /// <summary>The tag value of a status code: the boxed code, the same object every time.</summary>
    public static object StatusTag(int status) => status is >= 100 and <= 699 ? StatusCodes[status - 100] : "other";

    private static void Response(string method, int status, string direction)
    {
        if (Responses.Enabled)
        {
            Responses.Add(
                1,
                new KeyValuePair<string, object?>("method", MethodTag(method)),
                new KeyValuePair<string, object?>("status", StatusTag(status)),
                new KeyValuePair<string, object?>("direction", direction));
        }
    }

    private static object[] BoxStatusCodes()
    {
        var codes = new object[600];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = 100 + i;
        }

        return codes;
    }
}

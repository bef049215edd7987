using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Configuration;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge;

/// <summary>
/// Where the socket actors hand every parsed message: the pre-routing checks, the received/rport stamp,
/// the transaction layer, and for a new request the transaction user. Nothing here waits: the TU runs as
/// its own task, so a socket's receive loop is back reading at once.
/// </summary>
public sealed partial class SipEdge : ISipInbound
{
    private readonly TransactionLayer transactions;
    private readonly TransactionUser transactionUser;
    private readonly ITransportSender sender;
    private readonly EdgeCounters counters;
    private readonly ILogger logger;

    private readonly EdgeRelay? relay;
    private readonly TimeSpan retryAfter;
    private long lastOverloadWarning = long.MinValue / 2;
    private long overloadedSinceWarning;
    private volatile bool draining;

    public SipEdge(
        TransactionLayer transactions, TransactionUser transactionUser, ITransportSender sender, EdgeCounters counters, ILogger<SipEdge> logger,
        EdgeRelay? relay = null, SipOverloadOptions? overload = null)
    {
        retryAfter = (overload ?? new SipOverloadOptions()).RetryAfter;
        this.transactions = transactions;
        this.transactionUser = transactionUser;
        this.sender = sender;
        this.counters = counters;
        this.logger = logger;
        this.relay = relay;
    }

    public void Receive(SipMessage message, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(flow);
        try
        {
            SipMessageValidator.Validate(message);
        }
        catch (SipParseException e)
        {
            Reject(message, flow, e);
            return;
        }

        if (message is SipResponse response)
        {
            counters.Response();
            EdgeMetrics.ResponseReceived(response.CSeq?.Method ?? EdgeMetrics.OtherMethod, response.StatusCode);
            if (!transactions.ReceiveResponse(response))
            {
                if (relay?.OwnerOf(response) is { } owner)
                {
                    // It came over a connection of ours for a request another edge node sent: that node waits for it.
                    relay.PassResponse(owner, response);
                    return;
                }

                counters.Stray(); // RFC 3261 section 18.1.2: no transaction, dropped
            }

            return;
        }

        counters.Request();
        var request = (SipRequest)message;
        EdgeMetrics.RequestReceived(request.Method);
        var top = ViaReceived.Stamp(request, flow.Remote);

        // RFC 3261 section 18.2.2 / RFC 3581 section 4: over UDP the response goes to the received address
        // and the rport, else the sent-by port; the flow stays the real source (bindings keep it for NAT).
        var responseFlow = flow.Transport == SipTransport.Udp && ViaReceived.ResponseAddress(top) is { } address && !address.Equals(flow.Remote)
            ? flow with { Remote = address }
            : flow;
        switch (transactions.Receive(request, responseFlow))
        {
            case IncomingRequest.New when draining:
                _ = RefuseWhileDrainingAsync(request);
                break;
            case IncomingRequest.New:
                _ = HandleAsync(request, flow);
                break;
            case IncomingRequest.AckForTransactionUser:
                // The ACK of a 2xx (RFC 3261 section 13.2.2.4; RFC 6026): the proxy forwards it when it names us in
                // its Route (section 16.11), else the router absorbs it.
                _ = HandleAsync(request, flow);
                break;
        }
    }

    /// <summary>Whether the edge is draining: it finishes what it has begun and answers new requests 503.</summary>
    public bool IsDraining => draining;

    /// <summary>
    /// Starts draining for a graceful stop: responses, retransmissions and ACKs are still taken, the transactions already
    /// begun run to their final response, and every new request is answered 503 with Retry-After.
    /// </summary>
    public void BeginDrain() => draining = true;

    public void Refused(SipParseException refusal, SipFlow flow, bool answered)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        counters.Refusal(answered);
        LogRefused(refusal.StatusCode, refusal.Reason, flow, answered);
    }

    private async Task HandleAsync(SipRequest request, SipFlow flow)
    {
        try
        {
            await transactionUser.HandleAsync(request, flow).ConfigureAwait(false);
        }
        catch (EntityUnavailableException e)
        {
            // RFC 3261 section 21.5.4: overloaded, for a while; the client tries again after Retry-After (or another server).
            NoteOverloaded(request, e.Shed ? EdgeMetrics.OverloadShed : EdgeMetrics.OverloadTimeout);
            await RefuseAsync(request, Unavailable.RetryAfterSeconds(retryAfter, Random.Shared.NextDouble())).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never a crash, never silence: the client hears 500 and the log says why.
            counters.Failure();
            LogFailed(e, request.Method, request.CallId);
            try
            {
                await transactions.RespondAsync(request, SipResponse.CreateFor(request, 500, toTag: TransactionUser.NewTag())).ConfigureAwait(false);
            }
            catch (Exception inner) when (inner is IOException or InvalidOperationException)
            {
                LogFailed(inner, request.Method, request.CallId);
            }
        }
    }

    /// <summary>
    /// Each 503 for overload is logged at Debug; a warning goes out at most once a second with the count since the last,
    /// so that a storm the node sheds does not also flood the log (the count per reason is the <c>sip.overload</c> metric).
    /// </summary>
    private void NoteOverloaded(SipRequest request, string reason)
    {
        LogOverloaded(request.Method, request.CallId, reason);
        Interlocked.Increment(ref overloadedSinceWarning);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastOverloadWarning);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref lastOverloadWarning, now, last) == last)
        {
            LogOverloadSummary(Interlocked.Exchange(ref overloadedSinceWarning, 0), reason);
        }
    }

    /// <summary>RFC 3261 section 21.5.4: this node is leaving; 503 with Retry-After sends the client to another server of the domain.</summary>
    private Task RefuseWhileDrainingAsync(SipRequest request) => RefuseAsync(request, 1);

    /// <summary>503 Service Unavailable with Retry-After (RFC 3261 section 21.5.4).</summary>
    private async Task RefuseAsync(SipRequest request, int retryAfterSeconds)
    {
        var busy = Unavailable.Response(request, retryAfterSeconds, TransactionUser.NewTag());
        try
        {
            await transactions.RespondAsync(request, busy).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            LogFailed(e, request.Method, request.CallId);
        }
    }

    /// <summary>
    /// A message that parsed but cannot be acted on: a request gets the error status, statelessly, built from its raw
    /// rows and the request line only (a header that failed its check is never read again); one that cannot be
    /// addressed, an ACK and a response are dropped (RFC 3261 sections 8.2.6, 17.2.3, 18.1.2).
    /// </summary>
    private void Reject(SipMessage message, SipFlow flow, SipParseException error)
    {
        var request = message as SipRequest;
        var answer = request is not null && request.Method != SipMethod.Ack ? MalformedRequest.TryCreateResponse(request, error) : null;
        Refused(error, flow, answer is not null);
        if (answer is not null)
        {
            EdgeMetrics.ResponseSent(request!.Method, answer.StatusCode);
            _ = SendQuietlyAsync(answer, flow);
        }
    }

    private async Task SendQuietlyAsync(SipResponse response, SipFlow flow)
    {
        try
        {
            await sender.SendAsync(response, SipDestination.Back(flow)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            LogSendFailed(response.StatusCode, flow, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Status} {Reason} from {Flow} (answered: {Answered})")]
    private partial void LogRefused(int status, string reason, SipFlow flow, bool answered);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {CallId} answered 503: overloaded ({Reason})")]
    private partial void LogOverloaded(string method, string? callId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overloaded: {Count} requests answered 503 with Retry-After since the last such line (latest: {Reason})")]
    private partial void LogOverloadSummary(long count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {CallId} failed; answered 500")]
    private partial void LogFailed(Exception error, string method, string? callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send {Status} to {Flow}: {Error}")]
    private partial void LogSendFailed(int status, SipFlow flow, string error);
}

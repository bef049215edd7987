using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// The node's transaction layer (RFC 3261 section 17): runs the pure machines of
/// <c>SimpleActors.Sip.Transactions</c> on real timers and a real transport.
/// <list type="bullet">
/// <item>Live transactions sit in concurrent maps (lock-striped, so partitioned by the hash of their key, i.e.
/// of the Via branch); each transaction has its own lock, held only while its machine takes one input. No lock
/// or actor is shared by every message, and nothing is sent while a lock is held.</item>
/// <item>Timers run on <see cref="TimeProvider"/>, so tests drive them with a fake clock; the wait-state timers
/// (D, I, J, K) share one coarse wheel (<see cref="TransactionTimerService"/>).</item>
/// <item>A non-INVITE server transaction that completes over UDP is kept from then on in its compact form
/// (<see cref="CompletedServerTransaction"/>): the bytes of its final response for retransmissions, until Timer J;
/// a non-INVITE client transaction, once its final response is delivered, by its key alone until Timer K
/// (<see cref="CompletedClientTransaction"/>).</item>
/// <item>Outgoing requests must carry our top Via with a magic-cookie branch (<see cref="BranchId.New"/>): the
/// caller (the TU or the proxy core) builds it, as only it knows the sent-by it wants the answer at.</item>
/// <item>Server transactions answer over the flow the request came in on (RFC 3261 section 18.2.2); the transport
/// stamps received/rport on receipt and sends over the flow.</item>
/// </list>
/// </summary>
public sealed partial class TransactionLayer : IDisposable
{
    private readonly ITransportSender sender;
    private readonly TransactionTimers timers;
    private readonly TransactionTimerService time;
    private readonly ILogger<TransactionLayer> logger;
    private readonly ConcurrentDictionary<ServerTransactionKey, LiveServerTransaction> servers;
    private readonly ConcurrentDictionary<ServerTransactionKey, CompletedServerTransaction> completed;
    private readonly ResponseBlocks responses = new();
    private readonly ConcurrentDictionary<ClientTransactionKey, LiveClientTransaction> clients;
    private readonly ConcurrentDictionary<ClientTransactionKey, CompletedClientTransaction> completedClients;
    private readonly ConcurrentDictionary<MergedRequestKey, ServerTransactionKey> ongoing;
    private readonly Action<LiveTransaction, List<TransactionAction>> onTimerActions;
    private int serverCount;
    private int clientCount;

    public TransactionLayer(ITransportSender sender, TransactionTimers timers, TimeProvider time, ILogger<TransactionLayer> logger)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(timers);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.sender = sender;
        this.timers = timers;
        this.logger = logger;
        this.time = new TransactionTimerService(time, LogTimerFailed);

        // Many stripes: concurrent receive loops and timer callbacks rarely meet on one.
        var stripes = Environment.ProcessorCount * 4;
        servers = new ConcurrentDictionary<ServerTransactionKey, LiveServerTransaction>(stripes, 1024);
        completed = new ConcurrentDictionary<ServerTransactionKey, CompletedServerTransaction>(stripes, 1024);
        clients = new ConcurrentDictionary<ClientTransactionKey, LiveClientTransaction>(stripes, 1024);
        completedClients = new ConcurrentDictionary<ClientTransactionKey, CompletedClientTransaction>(stripes, 1024);
        ongoing = new ConcurrentDictionary<MergedRequestKey, ServerTransactionKey>(stripes, 1024);
        onTimerActions = (transaction, actions) => Forget(CarryOutAsync(transaction, actions));
    }

    /// <summary>Live server transactions, completed ones waiting for Timer J included (for metrics).</summary>
    public int ServerCount => Volatile.Read(ref serverCount);

    /// <summary>Live client transactions, completed ones waiting for Timer K included (for metrics).</summary>
    public int ClientCount => Volatile.Read(ref clientCount);

    /// <summary>Server transactions that have not sent their final response yet (what a draining edge waits for).</summary>
    public int UnansweredServerCount => servers.Count(s => s.Value.Machine.State is TransactionState.Trying or TransactionState.Proceeding);

    /// <summary>
    /// A request from the transport (parsed and validated). Matches it to a server transaction (RFC 3261 section
    /// 17.2.3) or makes a new one; retransmissions and the ACK of a non-2xx are absorbed here, a merged request
    /// is answered 482 here (section 8.2.2.2).
    /// </summary>
    public IncomingRequest Receive(SipRequest request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flow);
        var key = ServerTransactionKey.For(request);
        if (request.Method == SipMethod.Ack)
        {
            return ReceiveAck(request, key);
        }

        while (true)
        {
            if (servers.TryGetValue(key, out var existing))
            {
                // Section 17.2.1 / 17.2.2: the machine resends the last response, or absorbs the copy.
                Run(existing, existing.Feed(() => existing.Machine.OnRequest(request)));
                return IncomingRequest.Retransmission;
            }

            if (completed.TryGetValue(key, out var done))
            {
                // Section 17.2.2, Completed: the final response again. (Looked up after the live ones: a
                // transaction enters this table before it leaves that one, so a copy always finds one of them.)
                Forget(ResendAsync(key, done));
                return IncomingRequest.Retransmission;
            }

            var machine = ServerTransaction.Create(request, SipDestination.Back(flow), timers);
            var live = new LiveServerTransaction(machine, time, onTimerActions);
            key = machine.Key; // equal to the lookup key; kept once, by every table the transaction enters
            if (!servers.TryAdd(key, live))
            {
                continue; // a copy that arrived at the same moment won; this one is its retransmission
            }

            Interlocked.Increment(ref serverCount);
            if (MergedRequestKey.For(request) is { } mergedKey)
            {
                ongoing.TryAdd(mergedKey, key);
                if (MergedRequest.IsMerged(ongoing, request, key))
                {
                    // RFC 3261 section 8.2.2.2: the same request by another path -> 482, through its own
                    // transaction so that its retransmissions get the 482 again.
                    LogMerged(request.Method, request.CallId);
                    Forget(Answer(live, SipResponse.CreateFor(request, 482, toTag: NewTag())));
                    return IncomingRequest.Merged;
                }

                live.MergedKey = mergedKey;
            }

            Run(live, live.Feed(machine.Start));
            return IncomingRequest.New;
        }
    }

    /// <summary>
    /// The TU's response to a request it got as <see cref="IncomingRequest.New"/>. Sent through the request's
    /// server transaction, which keeps it for retransmissions. A response for a request with no live transaction
    /// (it ended after a transport error, or the request was an ACK) is dropped.
    /// </summary>
    public ValueTask RespondAsync(SipRequest request, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (!servers.TryGetValue(ServerTransactionKey.For(request), out var live))
        {
            LogNoServerTransaction(response.StatusCode, request.Method, request.CallId);
            return ValueTask.CompletedTask;
        }

        // The first final response: the machine has sent none yet (Trying or Proceeding).
        if (response.StatusCode >= 200 && live.Machine.State is TransactionState.Trying or TransactionState.Proceeding)
        {
            ServerTransactionMetrics.Answered(request.Method, live.StartedAt);
        }

        return Answer(live, response);
    }

    /// <summary>
    /// Feeds a response to a server transaction and carries out what follows. A non-INVITE one that it completes
    /// over UDP moves to the compact table first, its machine abandoned (its Timer J disarmed): from there on the
    /// layer plays the Completed state (RFC 3261 section 17.2.2), which is all resends of these bytes.
    /// </summary>
    private ValueTask Answer(LiveServerTransaction live, SipResponse response)
    {
        EdgeMetrics.ResponseSent(live.Machine.Request.Method, response.StatusCode);
        var actions = live.Feed(() => live.Machine.SendResponse(response));
        if (live.Machine is not NonInviteServerTransaction { State: TransactionState.Completed } machine || !live.Abandon())
        {
            return CarryOutAsync(live, actions);
        }

        var key = machine.Key;

        var done = new CompletedServerTransaction(this, key, responses.Store(SipMessageWriter.ToBytes(response)), machine.ResponseDestination, live.MergedKey);
        completed.AddOrUpdate(
            key,
            static (_, arg) => arg.Done,
            static (_, replaced, arg) =>
            {
                // Not expected (a completed transaction is matched before a new one is made): its bytes go back all the same.
                replaced.Cancel();
                arg.Responses.Release(ref replaced.FinalResponse);
                return arg.Done;
            },
            (Done: done, Responses: responses));
        servers.TryRemove(KeyValuePair.Create(key, live)); // still counted in ServerCount until Timer J
        time.StartWait(TimerName.J, timers.J(done.Destination.Transport), done);
        return ResendAsync(key, done);
    }

    /// <summary>Sends a completed transaction's final response; a transport error ends it (RFC 3261 section 17.2.4).</summary>
    private async ValueTask ResendAsync(ServerTransactionKey key, CompletedServerTransaction done)
    {
        if (!responses.TryPin(ref done.FinalResponse))
        {
            return; // ended meanwhile (Timer J): its bytes may be another response's now
        }

        try
        {
            await sender.SendBytesAsync(done.FinalResponse.Bytes, done.Destination).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the transport is a transport error (RFC 3261 section 18.4).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogResendFailed(e, key.Method, done.Destination);
            done.Cancel();
            EndCompleted(done);
        }
        finally
        {
            responses.Unpin(ref done.FinalResponse);
        }
    }

    /// <summary>Timer J (or a transport error): the completed transaction is forgotten.</summary>
    internal void EndCompleted(CompletedServerTransaction done)
    {
        if (completed.TryRemove(KeyValuePair.Create(done.Key, done)))
        {
            responses.Release(ref done.FinalResponse);
            Interlocked.Decrement(ref serverCount);
            if (done.MergedKey is { } merged)
            {
                ongoing.TryRemove(KeyValuePair.Create(merged, done.Key));
            }
        }
    }

    /// <summary>
    /// The INVITE a CANCEL cancels, while its server transaction still waits for a final response (RFC 3261
    /// section 9.2); null when there is none (the TU answers the CANCEL 481).
    /// </summary>
    public SipRequest? FindCancelled(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        return servers.TryGetValue(ServerTransactionKey.ForCancelled(cancel), out var live)
               && live.Machine.State == TransactionState.Proceeding
            ? live.Machine.Request
            : null;
    }

    /// <summary>
    /// Sends a request in a client transaction: retransmitted over UDP, resolved with the final response, or with
    /// a synthetic 408 when Timer B/F fires and 503 when the transport fails (RFC 3261 sections 8.1.3.1, 17.1.4).
    /// Provisional responses go to <paramref name="provisional"/>, and so do the 2xx responses to an INVITE after the
    /// first (RFC 6026 section 7.2: retransmissions, or other forks' 2xx, until Timer M). The request must carry our top Via with a
    /// magic-cookie branch unique to it (<see cref="BranchId.New"/>).
    /// Cancelling <paramref name="ct"/> stops waiting and forgets the transaction; RFC 3261 only cancels an INVITE
    /// with CANCEL (section 9.1), which the caller sends as its own transaction before it gives up.
    /// </summary>
    /// <exception cref="ArgumentException">No top Via with a magic-cookie branch, or an ACK (which has no transaction).</exception>
    /// <exception cref="InvalidOperationException">A transaction with the same branch and method is live.</exception>
    public async Task<SipResponse> SendRequestAsync(SipRequest request, SipDestination destination, IProgress<SipResponse>? provisional = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        if (request.TopVia is not { HasMagicCookieBranch: true })
        {
            throw new ArgumentException("The request needs our top Via with a magic-cookie branch", nameof(request));
        }

        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("An ACK is sent without a transaction", nameof(request));
        }

        ct.ThrowIfCancellationRequested();
        var machine = ClientTransaction.Create(request, destination, timers);
        var live = new LiveClientTransaction(machine, provisional, time, onTimerActions);
        if (!clients.TryAdd(machine.Key, live))
        {
            throw new InvalidOperationException($"A client transaction {machine.Key} is already live");
        }

        Interlocked.Increment(ref clientCount);
        using var registration = ct.CanBeCanceled
            ? ct.Register(() => Abandon(live, ct))
            : default;
        await CarryOutAsync(live, live.Feed(machine.Start)).ConfigureAwait(false);
        return await live.Final.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a message outside any transaction: an ACK for a 2xx a proxy forwards (RFC 3261 section 16.11, the ACK
    /// of a 2xx being a transaction of its own that no one answers). A transport error is the caller's.
    /// </summary>
    public ValueTask SendStatelessAsync(SipMessage message, SipDestination destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        return sender.SendAsync(message, destination);
    }

    /// <summary>
    /// A response from the transport: true when it matched a client transaction (RFC 3261 section 17.1.3), false
    /// for a stray the caller drops (section 18.1.2).
    /// </summary>
    public bool ReceiveResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!ClientTransactionKey.TryFor(response, out var key))
        {
            LogStray(response.StatusCode, response.CallId);
            return false;
        }

        if (!clients.TryGetValue(key, out var live))
        {
            // Section 17.1.2.2, Completed: a retransmitted final response is absorbed.
            if (completedClients.ContainsKey(key))
            {
                return true;
            }

            LogStray(response.StatusCode, response.CallId);
            return false;
        }

        Run(live, live.Feed(() => live.Machine.OnResponse(response)));
        if (live.Machine is NonInviteClientTransaction { State: TransactionState.Completed } && live.Abandon())
        {
            // The final response has reached the caller (delivered in Run); from here the key alone absorbs copies.
            var done = new CompletedClientTransaction(this, key);
            completedClients[key] = done;
            clients.TryRemove(KeyValuePair.Create(key, live)); // still counted in ClientCount until Timer K
            time.StartWait(TimerName.K, timers.K(live.Machine.Destination.Transport), done);
        }

        return true;
    }

    /// <summary>Timer K: the completed client transaction is forgotten.</summary>
    internal void EndCompleted(CompletedClientTransaction done)
    {
        if (completedClients.TryRemove(KeyValuePair.Create(done.Key, done)))
        {
            Interlocked.Decrement(ref clientCount);
        }
    }

    /// <summary>Stops every timer and fails every waiting client with cancellation.</summary>
    public void Dispose()
    {
        foreach (var (key, live) in servers)
        {
            if (live.Abandon())
            {
                Remove(key, live);
            }
        }

        foreach (var (_, done) in completed)
        {
            done.Cancel();
            EndCompleted(done);
        }

        foreach (var (_, done) in completedClients)
        {
            done.Cancel();
            EndCompleted(done);
        }

        foreach (var (key, live) in clients)
        {
            if (live.Abandon())
            {
                Remove(key, live);
                live.Cancel(new CancellationToken(canceled: true));
            }
        }

        time.Dispose();
    }

    private IncomingRequest ReceiveAck(SipRequest ack, ServerTransactionKey key)
    {
        // RFC 3261 section 17.2.3: an RFC 2543 ACK carries our response's To tag, which the INVITE lacked.
        if ((TryFindAckTarget(ack, key) ?? TryFindAckTarget(ack, key.WithoutToTag())) is { } live)
        {
            Run(live, live.Feed(() => live.Machine.OnRequest(ack)));
            return IncomingRequest.AckAbsorbed;
        }

        return IncomingRequest.AckForTransactionUser;
    }

    // RFC 6026 section 7.1: in Accepted the ACK (of the 2xx) is not the transaction's but the TU's.
    private LiveServerTransaction? TryFindAckTarget(SipRequest ack, ServerTransactionKey key)
        => servers.TryGetValue(key, out var live) && live.Machine is InviteServerTransaction { State: not TransactionState.Accepted } invite
           && invite.IsAckOf(ack) ? live : null;

    private void Abandon(LiveClientTransaction live, CancellationToken ct)
    {
        if (live.Abandon())
        {
            Remove(live.Machine.Key, live);
            live.Cancel(ct);
        }
    }

    /// <summary>Carries out actions from a synchronous entry point; a send that does not finish at once runs on.</summary>
    private void Run(LiveTransaction transaction, List<TransactionAction> actions)
    {
        if (actions.Count > 0)
        {
            Forget(CarryOutAsync(transaction, actions));
        }
    }

    private static void Forget(ValueTask task)
    {
        // CarryOutAsync catches everything itself; only observe the task so it is not left dangling.
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.AsTask();
        }
    }

    private async ValueTask CarryOutAsync(LiveTransaction transaction, List<TransactionAction> actions)
    {
        List<TransactionAction>? afterError = null;
        foreach (var action in actions)
        {
            switch (action)
            {
                case SendMessage send:
                    if (afterError is null && !await TrySendAsync(send).ConfigureAwait(false))
                    {
                        // RFC 3261 sections 17.1.4 / 17.2.4: the machine learns of the failure after this batch.
                        afterError = transaction.Feed(() => TransportError(transaction));
                    }

                    break;

                case DeliverToTransactionUser deliver when transaction is LiveClientTransaction client:
                    client.Deliver(deliver.Response);
                    break;

                case TimedOut when transaction is LiveClientTransaction client:
                    LogTimedOut(client.Machine.Request.Method, client.Machine.Request.CallId);
                    EdgeMetrics.TransactionTimedOut(client.Machine.Request.Method, EdgeMetrics.ClientTimeout);
                    client.Fail(408); // RFC 3261 section 8.1.3.1
                    break;

                case TransportFailed when transaction is LiveClientTransaction client:
                    client.Fail(503); // RFC 3261 section 8.1.3.1
                    break;

                case TimedOut or TransportFailed when transaction is LiveServerTransaction server:
                    // Section 17.2.1 (Timer H) / 17.2.4: the final response was not acknowledged or not sent.
                    if (action is TimedOut)
                    {
                        EdgeMetrics.TransactionTimedOut(server.Machine.Request.Method, EdgeMetrics.ServerTimeout);
                    }

                    LogServerFailed(action is TimedOut ? "no ACK" : "transport error", server.Machine.Request.Method, server.Machine.Request.CallId);
                    break;

                case Terminated:
                    Terminate(transaction);
                    break;
            }
        }

        if (afterError is { Count: > 0 })
        {
            await CarryOutAsync(transaction, afterError).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<TransactionAction> TransportError(LiveTransaction transaction) => transaction switch
    {
        LiveClientTransaction client => client.Machine.OnTransportError(),
        LiveServerTransaction server => server.Machine.OnTransportError(),
        _ => [],
    };

    private async ValueTask<bool> TrySendAsync(SendMessage send)
    {
        try
        {
            await sender.SendAsync(send.Message, send.Destination).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // Any failure of the transport is a transport error to the machine (RFC 3261 section 18.4).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSendFailed(e, send.Message.StartLine, send.Destination);
            return false;
        }
    }

    private void Terminate(LiveTransaction transaction)
    {
        switch (transaction)
        {
            case LiveServerTransaction server:
                Remove(server.Machine.Key, server);
                break;
            case LiveClientTransaction client:
                Remove(client.Machine.Key, client);
                client.Fail(408); // never left waiting: a machine always delivers or fails before it ends
                break;
        }
    }

    private void Remove(ServerTransactionKey key, LiveServerTransaction live)
    {
        if (servers.TryRemove(KeyValuePair.Create(key, live)))
        {
            Interlocked.Decrement(ref serverCount);
            if (live.MergedKey is { } merged)
            {
                ongoing.TryRemove(KeyValuePair.Create(merged, key));
            }
        }
    }

    private void Remove(ClientTransactionKey key, LiveClientTransaction live)
    {
        if (clients.TryRemove(KeyValuePair.Create(key, live)))
        {
            Interlocked.Decrement(ref clientCount);
        }
    }

    private static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged {Method} {CallId} answered 482")]
    private partial void LogMerged(string method, string? callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No server transaction for {Status} to {Method} {CallId}; dropped")]
    private partial void LogNoServerTransaction(int status, string method, string? callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stray {Status} response {CallId} dropped")]
    private partial void LogStray(int status, string? callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {CallId} timed out")]
    private partial void LogTimedOut(string method, string? callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server transaction {Method} {CallId} failed: {Reason}")]
    private partial void LogServerFailed(string reason, string method, string? callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Timer} of a transaction failed")]
    private partial void LogTimerFailed(TimerName timer, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resending the final response of {Method} to {Destination} failed")]
    private partial void LogResendFailed(Exception exception, string method, SipDestination destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {StartLine} to {Destination} failed")]
    private partial void LogSendFailed(Exception exception, string startLine, SipDestination destination);
}

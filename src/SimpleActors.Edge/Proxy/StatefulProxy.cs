using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// The stateful proxy core for INVITE and for requests inside the dialogs it record-routed (RFC 3261 section 16).
/// The transaction user decides where a request goes (authentication, the location service); this class runs the
/// forwarding: branches as INVITE client transactions with our Via, responses relayed through the request's server
/// transaction (which answered 100 at once, section 16.2), CANCEL down the pending branches, Timer C. The decisions
/// themselves are pure functions (<see cref="InviteForwarding"/>, <see cref="RecordRoute"/>, <see cref="LooseRoute"/>);
/// the only state is one <see cref="ResponseContext"/> per INVITE in progress, found again by a CANCEL.
/// </summary>
public sealed partial class StatefulProxy
{
    /// <summary>Timer C: longer than 3 minutes (section 16.6 step 11).</summary>
    public static readonly TimeSpan DefaultTimerC = TimeSpan.FromSeconds(181);

    private readonly TransactionLayer transactions;
    private readonly Func<SipTransport, ViaHeader> ourVia;
    private readonly TimeProvider time;
    private readonly TimeSpan timerC;
    private readonly RecordRouteSignature signature;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<ServerTransactionKey, ResponseContext> contexts = new();

    public StatefulProxy(
        TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia, RecordRouteSignature signature, TimeProvider time, ILogger logger,
        TimeSpan? timerC = null)
    {
        this.transactions = transactions;
        this.ourVia = ourVia;
        this.signature = signature;
        this.time = time;
        this.logger = logger;
        this.timerC = timerC ?? DefaultTimerC;
    }

    /// <summary>INVITEs being forwarded now (for tests and metrics).</summary>
    public int PendingCount => contexts.Count;

    /// <summary>
    /// Forwards an INVITE to every target at once (parallel forking, section 16.6) and answers it upstream (16.7):
    /// 100 at once, provisional responses as they come, every 2xx (the first cancels the other branches), else the
    /// best final response when all branches have ended, 487 when the caller cancelled. With
    /// <paramref name="recordRoute"/> (a dialog-creating INVITE) our Record-Route goes in (16.6 step 4, RFC 5658), marked
    /// with the dialog's <see cref="RecordRouteSignature"/>.
    /// </summary>
    public async Task ForkAsync(SipRequest invite, SipTransport inbound, IReadOnlyList<ProxyTarget> targets, bool recordRoute)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(targets);
        var key = ServerTransactionKey.For(invite);
        var context = new ResponseContext(invite);
        if (!contexts.TryAdd(key, context))
        {
            return; // the transaction layer hands each INVITE over once; a second hand-over has nothing to do
        }

        try
        {
            // Section 16.2 / 17.2.1: 100 Trying at once, so the caller stops retransmitting while the branches run.
            await transactions.RespondAsync(invite, SipResponse.CreateFor(invite, 100)).ConfigureAwait(false);
            var branches = targets.Select(target => CreateBranch(context.Request, target, inbound, recordRoute)).ToList();
            lock (context.Gate)
            {
                context.Branches.AddRange(branches);
            }

            foreach (var branch in branches)
            {
                branch.TimerC = time.CreateTimer(_ => OnTimerC(context, branch), null, timerC, Timeout.InfiniteTimeSpan);
                branch.Final = RunBranchAsync(context, branch);
            }

            await CollectAsync(context).ConfigureAwait(false);
        }
        finally
        {
            contexts.TryRemove(KeyValuePair.Create(key, context));
            foreach (var branch in context.Branches)
            {
                branch.Dispose();
            }
        }
    }

    /// <summary>
    /// A request inside a dialog we record-routed (section 16.4, our Route already taken off): an ACK for a 2xx goes
    /// on statelessly (16.11: it has no response to wait for), a re-INVITE through a response context of one branch,
    /// any other method in a non-INVITE client transaction whose responses are relayed.
    /// </summary>
    public async Task ForwardAsync(SipRequest request, SipTransport inbound, ProxyTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        switch (request.Method)
        {
            case SipMethod.Ack:
                var ack = InviteForwarding.Create(request, target, ourVia(target.Destination.Transport).WithBranch(BranchId.New()), []);
                try
                {
                    await transactions.SendStatelessAsync(ack, target.Destination).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    LogForwardFailed(request.Method, request.CallId, e.Message);
                }

                return;

            case SipMethod.Invite:
                await ForkAsync(request, inbound, [target], recordRoute: false).ConfigureAwait(false);
                return;
        }

        var forwarded = InviteForwarding.Create(request, target, ourVia(target.Destination.Transport).WithBranch(BranchId.New()), []);
        var provisional = new Relay(response =>
        {
            if (response.StatusCode > 100)
            {
                _ = RelayAsync(request, response);
            }
        });
        var final = await transactions.SendRequestAsync(forwarded, target.Destination, provisional).ConfigureAwait(false);
        await RelayAsync(request, final).ConfigureAwait(false);
    }

    /// <summary>
    /// A CANCEL from upstream (section 16.10): when it matches an INVITE being forwarded, 200 to the CANCEL and a
    /// CANCEL down every pending branch (the INVITE's answer, 487, follows when they have ended); else 481 (9.2).
    /// </summary>
    public async Task CancelAsync(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        if (!contexts.TryGetValue(ServerTransactionKey.ForCancelled(cancel), out var context))
        {
            await transactions.RespondAsync(cancel, SipResponse.CreateFor(cancel, 481, toTag: TransactionUser.NewTag())).ConfigureAwait(false);
            return;
        }

        await transactions.RespondAsync(cancel, SipResponse.CreateFor(cancel, 200, toTag: TransactionUser.NewTag())).ConfigureAwait(false);
        lock (context.Gate)
        {
            context.Cancelled = true;
        }

        LogCancelled(cancel.CallId);
        CancelPending(context, except: null);
    }

    private ProxyBranch CreateBranch(SipRequest request, ProxyTarget target, SipTransport inbound, bool recordRoute)
    {
        var forwarded = ForwardedCopy(request, target, inbound, recordRoute);
        var destination = ForwardedRequest.ForSize(target.Destination, SipMessageWriter.GetByteCount(forwarded));
        if (destination.Transport != target.Destination.Transport)
        {
            // RFC 3261 section 18.1.1: too big for UDP; over TCP, with our Via and Record-Route for TCP.
            target = target with { Destination = destination };
            forwarded = ForwardedCopy(request, target, inbound, recordRoute);
        }

        return new ProxyBranch(forwarded, target.Destination);
    }

    private SipRequest ForwardedCopy(SipRequest request, ProxyTarget target, SipTransport inbound, bool recordRoute)
    {
        var outbound = ourVia(target.Destination.Transport);
        var values = recordRoute ? RecordRoute.Values(ourVia(inbound), outbound, signature.Sign(request.CallId!, request.From?.Tag)) : [];
        return InviteForwarding.Create(request, target, outbound.WithBranch(BranchId.New()), values);
    }

    private async Task<SipResponse> RunBranchAsync(ResponseContext context, ProxyBranch branch)
    {
        try
        {
            var progress = new Relay(response => OnBranchResponse(context, branch, response));
            return await transactions.SendRequestAsync(branch.Request, branch.Destination, progress, branch.Abandon.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Section 16.8: Timer C with no provisional response, as if the branch had answered 408.
            return SipResponse.CreateLocal(branch.Request, 408);
        }
    }

    /// <summary>A provisional response, or a 2xx after the branch's first (RFC 6026 Accepted), from one branch.</summary>
    private void OnBranchResponse(ResponseContext context, ProxyBranch branch, SipResponse response)
    {
        BranchVerdict verdict;
        var cancelNow = false;
        lock (context.Gate)
        {
            if (response.IsProvisional)
            {
                branch.HasProvisional = true;
                branch.TimerC?.Change(timerC, Timeout.InfiniteTimeSpan); // section 16.7 step 2
                cancelNow = branch.CancelWanted && !branch.CancelSent;
                branch.CancelSent |= cancelNow;
            }

            verdict = InviteForwarding.Judge(response, context.FinalSent);
        }

        if (cancelNow)
        {
            _ = SendCancelAsync(branch);
        }

        if (verdict == BranchVerdict.Forward)
        {
            _ = RelayAsync(context.Request, response);
        }
    }

    /// <summary>Waits for every branch's final response and answers upstream as section 16.7 says.</summary>
    private async Task CollectAsync(ResponseContext context)
    {
        List<ProxyBranch> pending;
        lock (context.Gate)
        {
            pending = [.. context.Branches];
        }

        var kept = new List<SipResponse>();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending.Select(b => b.Final)).ConfigureAwait(false);
            var branch = pending.First(b => b.Final == done);
            pending.Remove(branch);
            var response = await done.ConfigureAwait(false);
            BranchVerdict verdict;
            lock (context.Gate)
            {
                branch.Ended = true;
                branch.TimerC?.Dispose();
                verdict = InviteForwarding.Judge(response, context.FinalSent);
                context.FinalSent |= verdict == BranchVerdict.ForwardAndCancelOthers;
            }

            LogBranchAnswered(context.Request.CallId, response.StatusCode, verdict);
            switch (verdict)
            {
                case BranchVerdict.Forward or BranchVerdict.ForwardAndCancelOthers:
                    await RelayAsync(context.Request, response).ConfigureAwait(false);
                    break;
                case BranchVerdict.Keep or BranchVerdict.KeepAndCancelOthers:
                    kept.Add(response);
                    break;
            }

            if (verdict is BranchVerdict.ForwardAndCancelOthers or BranchVerdict.KeepAndCancelOthers)
            {
                CancelPending(context, except: branch);
            }
        }

        bool cancelled;
        lock (context.Gate)
        {
            if (context.FinalSent)
            {
                return;
            }

            context.FinalSent = true;
            cancelled = context.Cancelled;
        }

        var best = InviteForwarding.Best(kept, cancelled);
        await RelayAsync(context.Request, best ?? SipResponse.CreateLocal(context.Request, cancelled ? 487 : 480)).ConfigureAwait(false);
    }

    /// <summary>Sections 16.7 step 10 and 16.10: a CANCEL down every branch still pending, once it has had a provisional response (9.1).</summary>
    private void CancelPending(ResponseContext context, ProxyBranch? except)
    {
        var now = new List<ProxyBranch>();
        lock (context.Gate)
        {
            foreach (var branch in context.Branches)
            {
                if (branch == except || branch.Ended || branch.CancelSent)
                {
                    continue;
                }

                branch.CancelWanted = true;
                if (branch.HasProvisional)
                {
                    branch.CancelSent = true;
                    now.Add(branch);
                }
            }
        }

        foreach (var branch in now)
        {
            _ = SendCancelAsync(branch);
        }
    }

    /// <summary>Section 16.8: Timer C fired; CANCEL the branch when it has had a provisional response, else give it up as 408.</summary>
    private void OnTimerC(ResponseContext context, ProxyBranch branch)
    {
        bool cancel;
        lock (context.Gate)
        {
            if (branch.Ended || branch.CancelSent)
            {
                return;
            }

            cancel = branch.HasProvisional;
            branch.CancelSent = cancel;
        }

        LogTimerC(context.Request.CallId, cancel);
        if (cancel)
        {
            _ = SendCancelAsync(branch);
        }
        else
        {
            branch.Abandon.Cancel();
        }
    }

    private async Task SendCancelAsync(ProxyBranch branch)
    {
        try
        {
            var response = await transactions.SendRequestAsync(CancelRequest.For(branch.Request), branch.Destination).ConfigureAwait(false);
            LogBranchCancelled(branch.Request.CallId, response.StatusCode);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OperationCanceledException)
        {
            LogForwardFailed(SipMethod.Cancel, branch.Request.CallId, e.Message);
        }
    }

    /// <summary>
    /// A response goes upstream through the request's server transaction: without our Via (section 16.7 step 3), or,
    /// when this node made it up for a branch (a timeout, a transport error, 487 after CANCEL), as our own answer to
    /// the request we received, with a To tag of ours.
    /// </summary>
    private async Task RelayAsync(SipRequest request, SipResponse response)
    {
        var relayed = response.IsLocal
            ? SipResponse.CreateFor(request, response.StatusCode, toTag: TransactionUser.NewTag())
            : ResponseSelection.WithoutTopVia(response);
        try
        {
            await transactions.RespondAsync(request, relayed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            LogForwardFailed(request.Method, request.CallId, e.Message);
        }
    }

    /// <summary>Reports responses as they come, on the thread that got them (no synchronization context in between).</summary>
    private sealed class Relay(Action<SipResponse> report) : IProgress<SipResponse>
    {
        public void Report(SipResponse value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "INVITE {CallId}: a branch answered {Status} ({Verdict})")]
    private partial void LogBranchAnswered(string? callId, int status, BranchVerdict verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "INVITE {CallId} cancelled by the caller")]
    private partial void LogCancelled(string? callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CANCEL of a branch of {CallId} answered {Status}")]
    private partial void LogBranchCancelled(string? callId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer C fired for a branch of {CallId} (CANCEL sent: {Cancelled})")]
    private partial void LogTimerC(string? callId, bool cancelled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding {Method} {CallId} failed: {Error}")]
    private partial void LogForwardFailed(string method, string? callId, string error);
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Presence;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Dialogs;

/// <summary>
/// The UAS core for INVITE sessions (RFC 3261 sections 13.3, 14.2, 15 and 9.2): the handler of the route decisions
/// <see cref="RouteDecision.InviteUsage"/>, <see cref="RouteDecision.InviteUsageCancel"/> and
/// <see cref="RouteDecision.InviteSessionRequest"/>. It carries out <see cref="InviteSession"/>'s steps and asks the
/// <see cref="IInviteUsage"/> that serves the Request-URI for its answers:
/// <list type="bullet">
/// <item>INVITE: the 100 is the transaction's; the usage's 2xx (our To tag, our Contact, the request's Record-Route,
/// section 12.1.1) is resent through <see cref="AcceptedInvites"/> until its ACK; a non-2xx is sent as it is;</item>
/// <item>CANCEL of an INVITE still unanswered: 200 to the CANCEL, 487 to the INVITE (section 9.2); else 481;</item>
/// <item>re-INVITE: 500 out of order, 500 with Retry-After while one is unanswered (section 14.2), else the usage's answer;</item>
/// <item>BYE: 200, 487 to an INVITE still unanswered, and the session ends (section 15.1.2); 481 after the end;</item>
/// <item>no ACK in 64*T1, or the usage's <see cref="HangupAsync"/>: our BYE, the dialog's next CSeq (sections 13.3.1.4, 15.1.1);</item>
/// <item>other methods in a session: 405 with Allow (501 for a method we do not know), as the router answers them outside one.</item>
/// </list>
/// Sessions are per node and in memory, keyed by our To tag: in-dialog requests reach this node because our Contact
/// names it. The chat room entity of a later issue will own the session state (journaled, on any node); this class keeps
/// only what a usage needs today.
/// </summary>
public sealed partial class InviteUas
{
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServerTransactionKey, string> unanswered = new();
    private readonly TransactionLayer transactions;
    private readonly IReadOnlyList<IInviteUsage> usages;
    private readonly Func<SipTransport, ViaHeader> ourVia;
    private readonly TimeProvider time;
    private readonly TransactionTimers timers;
    private readonly ILogger logger;

    public InviteUas(
        TransactionLayer transactions, IEnumerable<IInviteUsage> usages, Func<SipTransport, ViaHeader> ourVia, TimeProvider time, ILogger logger,
        TransactionTimers? timers = null)
    {
        ArgumentNullException.ThrowIfNull(usages);
        this.transactions = transactions;
        this.usages = [.. usages];
        this.ourVia = ourVia;
        this.time = time;
        this.logger = logger;
        this.timers = timers ?? TransactionTimers.Default;
        Invites = new AcceptedInvites(transactions, time, this.timers);
    }

    /// <summary>The 2xx responses of these sessions that wait for their ACK (RFC 3261 section 13.3.1.4).</summary>
    public AcceptedInvites Invites { get; }

    /// <summary>The sessions of this node, from the INVITE to the end.</summary>
    public int Count => sessions.Count;

    /// <summary>Whether a usage answers INVITEs to <paramref name="requestUri"/> (<see cref="RoutingContext.IsInviteUsageTarget"/>).</summary>
    public bool Serves(SipUri requestUri) => usages.Any(u => u.Serves(requestUri));

    /// <summary>Whether <paramref name="localTag"/> is one of this node's sessions (<see cref="RoutingContext.IsInviteSession"/>).</summary>
    public bool Holds(string localTag) => sessions.ContainsKey(localTag);

    /// <summary>The dialog of a session, once its INVITE was accepted; null otherwise.</summary>
    public Dialog? DialogOf(string localTag) => sessions.TryGetValue(localTag, out var session) ? session.Read(s => s.State.Dialog) : null;

    /// <summary>An initial INVITE a usage serves: a new session under a new To tag, answered as the usage says.</summary>
    public async Task HandleAsync(SipRequest invite, SipFlow flow, RouteDecision.InviteUsage decision)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var usage = usages.First(u => u.Serves(invite.RequestUri));
        var localTag = TransactionUser.NewTag();
        var session = new Session(usage, InviteSession.Offer(invite, timers), flow);
        session.Offer(invite);
        sessions[localTag] = session;
        var key = ServerTransactionKey.For(invite);
        unanswered[key] = localTag;
        try
        {
            await AnswerAsync(session, localTag, invite, null).ConfigureAwait(false);
        }
        finally
        {
            unanswered.TryRemove(KeyValuePair.Create(key, localTag));
        }
    }

    /// <summary>A CANCEL to a Request-URI a usage serves: the initial INVITE it cancels, if still unanswered (section 9.2).</summary>
    public Task HandleAsync(SipRequest cancel, RouteDecision.InviteUsageCancel decision)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        return unanswered.TryGetValue(ServerTransactionKey.ForCancelled(cancel), out var localTag) && sessions.TryGetValue(localTag, out var session)
            ? CancelAsync(cancel, session, localTag)
            : RespondAsync(cancel, 481, null, TransactionUser.NewTag());
    }

    /// <summary>A request in one of our sessions (its To tag is ours).</summary>
    public Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.InviteSessionRequest decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        var tag = decision.LocalTag;
        if (!sessions.TryGetValue(tag, out var session))
        {
            // Ended meanwhile: 481 (section 12.2.2); an ACK is absorbed, and may still stop a 2xx that waits for it.
            return request.Method == SipMethod.Ack ? Task.FromResult(Invites.Acknowledge(request)) : RespondAsync(request, 481, null, tag);
        }

        return request.Method switch
        {
            SipMethod.Ack => Task.FromResult(Invites.Acknowledge(request)),
            SipMethod.Invite => ReInviteAsync(request, flow, session, tag),
            SipMethod.Bye => ByeAsync(request, session, tag),
            SipMethod.Cancel => CancelAsync(request, session, tag),
            // Section 8.2.1: a session takes INVITE, ACK, CANCEL and BYE; others as the router answers them outside one.
            _ => RespondAsync(request, RoutingContext.AllowedMethods.Contains(request.Method) || RoutingContext.KnownMethods.Contains(request.Method) ? 405 : 501,
                null, tag, headers: [SipRouter.Allow()]),
        };
    }

    /// <summary>
    /// The usage ends the session <paramref name="localTag"/> names with our BYE (RFC 3261 section 15.1.1); false when
    /// there is no dialog to end (unknown, over, or its INVITE not accepted yet).
    /// </summary>
    public Task<bool> HangupAsync(string localTag) =>
        sessions.TryGetValue(localTag, out var session) ? EndAsync(session, localTag, InviteSessionEnd.Hangup) : Task.FromResult(false);

    private async Task ReInviteAsync(SipRequest invite, SipFlow flow, Session session, string localTag)
    {
        InviteSessionStep step;
        Dialog? dialog;
        lock (session)
        {
            // Section 14.2: Retry-After chosen between 0 and 10 seconds.
            (session.State, step) = session.State.ReInvite(invite, Random.Shared.Next(0, 11));
            dialog = session.State.Dialog;
            if (step == InviteSessionStep.None)
            {
                session.Offer(invite);
                session.Flow = flow;
            }
        }

        if (step is InviteSessionStep.Respond respond)
        {
            await RespondAsync(invite, respond, localTag).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(session, localTag, invite, dialog).ConfigureAwait(false);
    }

    /// <summary>Asks the usage for its answer to an INVITE of the session and sends it; a 2xx until its ACK.</summary>
    private async Task AnswerAsync(Session session, string localTag, SipRequest invite, Dialog? dialog)
    {
        InviteAnswer answer;
        var cancelled = session.Read(s => s.Cancelled);
        try
        {
            answer = await session.Usage.AnswerAsync(invite, localTag, dialog, cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            return; // the CANCEL or BYE answered the INVITE 487
        }
#pragma warning disable CA1031 // A failing usage answers 500 (RFC 3261 section 21.5.1), the session goes on or ends as a rejection does.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUsageFailed(e, invite.CallId);
            answer = new InviteAnswer(500);
        }

        if (answer.StatusCode is < 200 or > 699)
        {
            answer = new InviteAnswer(500, "No final answer");
        }

        SipFlow flow;
        lock (session)
        {
            if (!ReferenceEquals(session.Pending, invite))
            {
                return; // cancelled, or ended by BYE: the 487 went already
            }

            session.Answered();
            flow = session.Flow;
            (session.State, _) = answer.IsSuccess ? session.State.Accept(invite, localTag, flow, time.GetUtcNow()) : session.State.Reject();
        }

        var response = ResponseTo(invite, answer, localTag, flow);
        if (!answer.IsSuccess)
        {
            await transactions.RespondAsync(invite, response).ConfigureAwait(false);
            if (session.Read(s => s.State.Phase) == InviteSessionPhase.Terminated)
            {
                sessions.TryRemove(KeyValuePair.Create(localTag, session)); // a rejected initial INVITE: no session
            }

            return;
        }

        var outcome = await Invites.AcceptAsync(invite, response, flow).ConfigureAwait(false);
        if (!outcome.Confirmed)
        {
            LogNoAck(invite.CallId);
            await EndAsync(session, localTag, InviteSessionEnd.NoAck).ConfigureAwait(false);
            return;
        }

        Dialog confirmed;
        lock (session)
        {
            var (next, step) = session.State.Ack(invite.CSeq!.Number);
            if (step is InviteSessionStep.Refused)
            {
                return; // ended (BYE) or offered again (re-INVITE) before the ACK came
            }

            session.State = next;
            confirmed = next.Dialog!;
        }

        Tell(session, u => u.Confirmed(localTag, confirmed));
    }

    private async Task CancelAsync(SipRequest cancel, Session session, string localTag)
    {
        SipRequest? invite;
        InviteSessionPhase phase;
        lock (session)
        {
            invite = session.Pending is { } pending && ServerTransactionKey.For(pending) == ServerTransactionKey.ForCancelled(cancel) ? pending : null;
            if (invite is not null)
            {
                (session.State, _) = session.State.Cancel();
                session.Answered(cancel: true);
            }

            phase = session.State.Phase;
        }

        if (invite is null)
        {
            // Section 9.2: the INVITE was answered already (or never was ours): nothing to cancel.
            await RespondAsync(cancel, 481, null, localTag).ConfigureAwait(false);
            return;
        }

        await RespondAsync(cancel, 200, null, localTag).ConfigureAwait(false);
        await RespondAsync(invite, 487, null, localTag).ConfigureAwait(false);
        if (phase == InviteSessionPhase.Terminated)
        {
            Finish(session, localTag, InviteSessionEnd.Cancelled);
        }
    }

    private async Task ByeAsync(SipRequest bye, Session session, string localTag)
    {
        InviteSessionStep step;
        SipRequest? pending = null;
        lock (session)
        {
            (session.State, step) = session.State.Bye(bye.CSeq?.Number ?? 0);
            if (session.State.Phase == InviteSessionPhase.Terminated)
            {
                pending = session.Pending;
                session.Answered(cancel: true);
            }
        }

        await RespondAsync(bye, (InviteSessionStep.Respond)step, localTag).ConfigureAwait(false);
        if (pending is not null)
        {
            await RespondAsync(pending, 487, null, localTag).ConfigureAwait(false); // section 15.1.2: pending requests get 487
        }

        if (step is InviteSessionStep.Respond { StatusCode: 200 })
        {
            Finish(session, localTag, InviteSessionEnd.Bye);
        }
    }

    /// <summary>Ends the session with our BYE (no ACK, or the usage hung up); false when it had no dialog to end.</summary>
    private async Task<bool> EndAsync(Session session, string localTag, InviteSessionEnd why)
    {
        OutgoingRequest? bye;
        SipRequest? pending;
        SipFlow flow;
        lock (session)
        {
            (var next, bye) = session.State.Hangup();
            if (bye is null)
            {
                return false;
            }

            session.State = next;
            pending = session.Pending;
            session.Answered(cancel: true);
            flow = next.Dialog!.Flow ?? session.Flow;
        }

        if (pending is not null)
        {
            await RespondAsync(pending, 487, null, localTag).ConfigureAwait(false);
        }

        Finish(session, localTag, why);
        var (request, destination) = DialogRequestActor.Prepare(bye, flow, ourVia, withContact: false);
        try
        {
            var response = await transactions.SendRequestAsync(request, destination).ConfigureAwait(false);
            LogBye(bye.CallId, response.StatusCode);
        }
#pragma warning disable CA1031 // The session is over whatever becomes of its BYE.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogByeFailed(e, bye.CallId);
        }

        return true;
    }

    /// <summary>The session leaves this node's table; the usage hears of it once.</summary>
    private void Finish(Session session, string localTag, InviteSessionEnd why)
    {
        if (sessions.TryRemove(KeyValuePair.Create(localTag, session)))
        {
            Tell(session, u => u.Ended(localTag, why));
        }
    }

    private void Tell(Session session, Action<IInviteUsage> told)
    {
        try
        {
            told(session.Usage);
        }
#pragma warning disable CA1031 // A usage's failure is its own; the session's protocol goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUsageFailed(e, null);
        }
    }

    /// <summary>
    /// The response to an INVITE as the usage answered it, with our To tag; a 2xx also with our Contact (section 13.3.1.4)
    /// and the request's Record-Route in order (section 12.1.1).
    /// </summary>
    private SipResponse ResponseTo(SipRequest invite, InviteAnswer answer, string localTag, SipFlow flow)
    {
        var response = SipResponse.CreateFor(invite, answer.StatusCode, answer.Reason, localTag);
        if (answer.IsSuccess)
        {
            foreach (var recordRoute in invite.RecordRoutes)
            {
                response.Headers.Add(KnownHeader.RecordRoute, recordRoute.ToString());
            }

            response.Headers.Add(KnownHeader.Contact, DialogRequestActor.ContactOf(ourVia(flow.Transport)));
        }

        if (answer.ContentType is { } type && !answer.Body.IsEmpty)
        {
            response.Headers.Add(KnownHeader.ContentType, type);
            response.Body = answer.Body;
        }

        return response;
    }

    private Task RespondAsync(SipRequest request, InviteSessionStep.Respond step, string localTag) =>
        RespondAsync(request, step.StatusCode, step.Reason, localTag,
            step.RetryAfter is { } seconds ? [HeaderField.Create(KnownHeader.RetryAfter, seconds.ToString(CultureInfo.InvariantCulture))] : null);

    private async Task RespondAsync(SipRequest request, int status, string? reason, string localTag, IReadOnlyList<HeaderField>? headers = null)
    {
        var response = SipResponse.CreateFor(request, status, reason, localTag);
        foreach (var header in headers ?? [])
        {
            response.Headers.Add(header);
        }

        await transactions.RespondAsync(request, response).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "INVITE usage failed in {CallId}")]
    private partial void LogUsageFailed(Exception exception, string? callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No ACK for the 2xx in {CallId}: session ended with BYE")]
    private partial void LogNoAck(string? callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "BYE {CallId} -> {Status}")]
    private partial void LogBye(string callId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BYE {CallId} failed")]
    private partial void LogByeFailed(Exception exception, string callId);

    /// <summary>One session: the pure machine's state, its usage, the INVITE waiting for an answer and the flow it came over.</summary>
#pragma warning disable CA1001 // The source of each pending INVITE's token is disposed when that INVITE is answered (Answered).
    private sealed class Session(IInviteUsage usage, InviteSession state, SipFlow flow)
    {
        private CancellationTokenSource? pendingCancel;

        public IInviteUsage Usage { get; } = usage;

        public InviteSession State { get; set; } = state;

        public SipFlow Flow { get; set; } = flow;

        /// <summary>The INVITE (initial or re-INVITE) that waits for the usage's answer.</summary>
        public SipRequest? Pending { get; private set; }

        /// <summary>Fires when the pending INVITE was answered 487 (CANCEL, BYE, our BYE).</summary>
        public CancellationToken Cancelled { get; private set; }

        public void Offer(SipRequest invite)
        {
            Pending = invite;
            pendingCancel = new CancellationTokenSource();
            Cancelled = pendingCancel.Token;
        }

        public void Answered(bool cancel = false)
        {
            Pending = null;
            if (cancel)
            {
                pendingCancel?.Cancel();
            }

            pendingCancel?.Dispose();
            pendingCancel = null;
        }

        public T Read<T>(Func<Session, T> read)
        {
            lock (this)
            {
                return read(this);
            }
        }
    }
#pragma warning restore CA1001
}

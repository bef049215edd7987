using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// SUBSCRIBE to an event package of a resource of ours, initial or inside its dialog (RFC 6665 section 4.2.1, RFC 3856
/// section 6.5): the package may refuse the watcher outright (403: watcher information is the presentity owner's
/// alone, RFC 3857 section 5.6); a watcher of our domains authenticates as the From it claims (401; another identity
/// gets 403); watchers from elsewhere cannot, and the policy decides about them. The Subscription entity (id = our
/// To-tag) decides and answers; its NOTIFY follows the 2xx (<see cref="PendingAnswers"/>).
/// </summary>
public sealed partial class SubscribeHandler(
    TransactionLayer transactions,
    RoutingContext routing,
    EdgeAuthentication authentication,
    IActorRef subscriptions,
    PendingAnswers answers,
    Func<SipTransport, ViaHeader> ourVia,
    EntityAsk asks,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>An initial SUBSCRIBE: the subscription's id is a new To-tag.</summary>
    public Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.Subscription subscription) =>
        SubscribeAsync(request, flow, subscription.Aor, subscription.Package, TransactionUser.NewTag());

    /// <summary>A SUBSCRIBE in the subscription's dialog (a refresh or an unsubscribe): its To-tag names the subscription.</summary>
    public Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.InDialogSubscription inDialog) =>
        SubscribeAsync(request, flow, null, inDialog.Package, inDialog.SubscriptionId);

    private async Task SubscribeAsync(SipRequest request, SipFlow flow, string? presentity, string package, string subscriptionId)
    {
        var now = time.GetUtcNow();
        var from = request.From!.Uri;
        var ourUser = from.IsSip && routing.IsOurs(from.Host);
        if (presentity is not null
            && EventPackages.Get(package).Refusal(presentity, from.IsSip ? from.ToAor().ToString() : from.ToString(), ourUser) is { } refusal)
        {
            await transactions.RespondAsync(request, SipResponse.CreateFor(request, 403, refusal, TransactionUser.NewTag())).ConfigureAwait(false);
            return;
        }

        string? identity = null;
        if (ourUser)
        {
            var check = authentication.Check(request, from.Host, from.ToAor().ToString(), proxy: false, now);
            if (check.Response is not null)
            {
                await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
                return;
            }

            identity = check.Identity;
        }

        WatchedDocuments? documents = null;
        if (package == EventPackages.XcapDiff && presentity is not null)
        {
            // RFC 5875 section 4.2: the body lists the documents; the edge keeps those the user may read.
            var (watched, unwatchable) = routing.XcapRoot is { } root
                ? XcapDiffResources.Parse(request.Body.Span, request.ContentType?.Essence, root, from.ToAor().ToString(), request.Event?.Parameters.GetUnquoted("diff-processing"))
                : (null, "this node serves no XCAP");
            if (watched is null)
            {
                await transactions.RespondAsync(request, SipResponse.CreateFor(request, 400, unwatchable, TransactionUser.NewTag())).ConfigureAwait(false);
                return;
            }

            documents = watched;
        }

        // The NOTIFY this SUBSCRIBE causes waits until its 2xx has left (PendingAnswers).
        using (answers.Begin(request.CallId!))
        {
            var command = SubscribeExchange.ToCommand(request, subscriptionId, presentity ?? string.Empty, package, flow, identity, now) with { Documents = documents };
            var result = await asks.AskAsync<SubscribeResult>(subscriptions, command, command with { Repeat = true }).ConfigureAwait(false);
            var contact = DialogRequestActor.ContactOf(ourVia(flow.Transport));
            await transactions.RespondAsync(request, SubscribeExchange.ToResponse(request, result, subscriptionId, contact)).ConfigureAwait(false);
            LogSubscribed(presentity ?? subscriptionId, result.StatusCode, result.Expires);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SUBSCRIBE {Target} -> {Status} (expires {Expires})")]
    private partial void LogSubscribed(string target, int status, int expires);
}

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
    IActorRef presentities,
    Engine.Rls.ResourceListOptions listOptions,
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

    /// <summary>
    /// An initial SUBSCRIBE to a resource list (RFC 4662 section 4.2): the subscriber must be a user of ours who
    /// authenticates; a service of an rls-services document is its owner's alone (403 otherwise; docs/presence.md), must
    /// still be defined (404) and serve the package (RFC 4826 section 4.2, 489); a request-contained list (RFC 5367) is
    /// read from the body (400, or 413 when it names too many resources).
    /// </summary>
    public async Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.ListSubscription list)
    {
        var now = time.GetUtcNow();
        var from = request.From!.Uri;
        if (!from.IsSip || !routing.IsOurs(from.Host))
        {
            await RespondAsync(request, 403, "Resource lists serve users of this server").ConfigureAwait(false);
            return;
        }

        var subscriber = from.ToAor().ToString();
        var check = authentication.Check(request, from.Host, subscriber, proxy: false, now);
        if (check.Response is not null)
        {
            await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
            return;
        }

        Engine.Rls.ListTarget target;
        if (list.Owner is { } owner)
        {
            if (!string.Equals(owner, subscriber, StringComparison.Ordinal))
            {
                await RespondAsync(request, 403, "Only the list's owner may subscribe to it").ConfigureAwait(false);
                return;
            }

            var answer = await asks.AskAsync<Engine.Rls.ListServiceAnswer>(presentities, new Engine.Rls.GetListService(owner, list.Uri)).ConfigureAwait(false);
            if (answer.Definition is not { } definition)
            {
                await RespondAsync(request, 404, "No such list").ConfigureAwait(false);
                return;
            }

            if (!definition.Serves(list.Package))
            {
                var response = SipResponse.CreateFor(request, 489, null, TransactionUser.NewTag());
                response.Headers.Add(KnownHeader.AllowEvents, string.Join(", ", definition.Packages));
                await transactions.RespondAsync(request, response).ConfigureAwait(false);
                return;
            }

            target = new Engine.Rls.ListTarget(list.Uri, owner, [], definition.Name);
        }
        else
        {
            var (resources, name, refusal) = RequestContainedLists.Read(request, listOptions);
            if (refusal is { } refused)
            {
                await RespondAsync(request, refused.Status, refused.Reason).ConfigureAwait(false);
                return;
            }

            target = new Engine.Rls.ListTarget(list.Uri, null, resources, name);
        }

        target = target with { LinphoneForm = IsLinphone(request) };
        await SubscribeAsync(request, flow, list.Uri, list.Package, TransactionUser.NewTag(), target, check.Identity).ConfigureAwait(false);
    }

    /// <summary>liblinphone and the apps on it name belle-sip or Linphone in their User-Agent.</summary>
    private static bool IsLinphone(SipRequest request) =>
        request.Headers.GetFirstValue(KnownHeader.UserAgent) is { } agent
        && (agent.Contains("linphone", StringComparison.OrdinalIgnoreCase) || agent.Contains("belle-sip", StringComparison.OrdinalIgnoreCase));

    private ValueTask RespondAsync(SipRequest request, int status, string reason) =>
        transactions.RespondAsync(request, SipResponse.CreateFor(request, status, reason, TransactionUser.NewTag()));

    private async Task SubscribeAsync(
        SipRequest request, SipFlow flow, string presentity, string package, string subscriptionId, Engine.Rls.ListTarget list, string? identity)
    {
        using (answers.Begin(request.CallId!))
        {
            var command = SubscribeExchange.ToCommand(request, subscriptionId, presentity, package, flow, identity, time.GetUtcNow()) with { List = list };
            var result = await asks.AskAsync<SubscribeResult>(subscriptions, command, command with { Repeat = true }).ConfigureAwait(false);
            var contact = DialogRequestActor.ContactOf(ourVia(flow.Transport));
            await transactions.RespondAsync(request, SubscribeExchange.ToResponse(request, result, subscriptionId, contact)).ConfigureAwait(false);
            LogSubscribed(presentity, result.StatusCode, result.Expires);
        }
    }

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

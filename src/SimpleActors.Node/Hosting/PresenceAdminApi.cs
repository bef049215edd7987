using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Xcap;
using SimpleActors.Sip.Message;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// <c>POST /v1/presence/authorize</c> with <c>{"presentity": "...", "watcher": "...", "decision": "allow|confirm|block|polite-block"}</c>:
/// writes the decision as a rule of the presentity owner's pres-rules document (RFC 5025; the document users edit through
/// XCAP, docs/xcap.md), answered <c>{"presentity", "watcher", "decision", "document", "etag"}</c> once the document is
/// journaled and the presentity applies it to the watcher's subscriptions.
/// </summary>
internal static partial class PresenceAdminApi
{
    private static readonly TimeSpan EntityTimeout = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder routes, Func<IActorRef> documents, ILogger logger)
    {
        routes.MapPost("/v1/presence/authorize", async (AuthorizeRequest request) =>
        {
            if (!SipUri.TryParse(request.Presentity, out var presentity) || !presentity.IsSip || presentity.User is null
                || !SipUri.TryParse(request.Watcher, out var watcher) || !watcher.IsSip || watcher.User is null)
            {
                return Results.BadRequest(new { error = "presentity and watcher must be SIP URIs with a user, e.g. sip:alice@example.com" });
            }

            if (AuthorizationDecisions.TryParse(request.Decision) is not { } decision)
            {
                return Results.BadRequest(new { error = "decision must be allow, confirm, block or polite-block" });
            }

            var aor = presentity.ToAor().ToString();
            var who = watcher.ToAor().ToString();
            var selector = PresentityShard.PresenceRulesSelector(aor);
            var done = await documents().Ask<XcapDocumentAnswer>(new SetWatcherDecision(selector, who, decision, "admin"), EntityTimeout).ConfigureAwait(false);
            if (done.Status >= 300)
            {
                return Results.Conflict(new { error = System.Text.Encoding.UTF8.GetString(done.Body) });
            }

            LogAuthorized(logger, aor, who, request.Decision!, selector, done.ETag);
            return Results.Ok(new { presentity = aor, watcher = who, decision = AuthorizationDecisions.Name(decision), document = selector, etag = done.ETag });
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin: {Presentity} decided {Decision} for watcher {Watcher} (rule written to {Document}, ETag {ETag})")]
    private static partial void LogAuthorized(ILogger logger, string presentity, string watcher, string decision, string document, string? etag);

    /// <summary>The body of <c>POST /v1/presence/authorize</c>.</summary>
    internal sealed record AuthorizeRequest(string? Presentity, string? Watcher, string? Decision);
}

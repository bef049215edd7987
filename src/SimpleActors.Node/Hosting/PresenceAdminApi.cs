using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SimpleActors.Engine.Presence;
using SimpleActors.Sip.Message;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// <c>POST /v1/presence/authorize</c> with <c>{"presentity": "...", "watcher": "...", "decision": "allow|block|polite-block"}</c>,
/// answered <c>{"presentity", "watcher", "decision", "subscriptions"}</c> once the decision is journaled.
/// </summary>
internal static partial class PresenceAdminApi
{
    private static readonly TimeSpan EntityTimeout = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder routes, Func<IActorRef> presentities, ILogger logger)
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
                return Results.BadRequest(new { error = "decision must be allow, block or polite-block" });
            }

            var command = new AuthorizeWatcher(presentity.ToAor().ToString(), watcher.ToAor().ToString(), decision, "admin", DateTimeOffset.UtcNow);
            var done = await presentities().Ask<WatcherAuthorization>(command, EntityTimeout).ConfigureAwait(false);
            LogAuthorized(logger, done.Aor, done.Watcher, request.Decision!, done.Subscriptions);
            return Results.Ok(new { presentity = done.Aor, watcher = done.Watcher, decision = AuthorizationDecisions.Name(done.Decision), subscriptions = done.Subscriptions });
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin: {Presentity} decided {Decision} for watcher {Watcher} ({Subscriptions} current subscriptions)")]
    private static partial void LogAuthorized(ILogger logger, string presentity, string watcher, string decision, int subscriptions);

    /// <summary>The body of <c>POST /v1/presence/authorize</c>.</summary>
    internal sealed record AuthorizeRequest(string? Presentity, string? Watcher, string? Decision);
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Sharding;
using SimpleActors.Node.Configuration;
using SimpleActors.Sip.Message;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The node's admin HTTP endpoint (ASP.NET Core on Kestrel, loopback only, bearer token): what operators and the
/// <c>simpleactors presence</c> command ask of a running node. Today:
/// <c>POST /v1/presence/authorize</c> with <c>{"presentity": "...", "watcher": "...", "decision": "allow|block|polite-block"}</c>,
/// answered <c>{"presentity", "watcher", "decision", "subscriptions"}</c> once the decision is journaled.
/// </summary>
internal sealed partial class AdminEndpoint(
    IOptions<SimpleActorsOptions> options, IRequiredActor<PresentityRegion> presentities, ILogger<AdminEndpoint> logger, IHostEnvironment environment)
    : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan EntityTimeout = TimeSpan.FromSeconds(10);
    private WebApplication? app;

    /// <summary>The address the endpoint listens on once started (the port the system chose for port 0).</summary>
    public Uri? BaseAddress { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        if (!admin.Enabled)
        {
            return;
        }

        var token = await TokenAsync(admin, Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath)).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(admin.Address), admin.Port));
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!Authorized(context.Request, token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapPost("/v1/presence/authorize", AuthorizeAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        BaseAddress = new Uri(app.Urls.First());
        LogListening(BaseAddress);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IResult> AuthorizeAsync(AuthorizeRequest request)
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
        var done = await presentities.ActorRef.Ask<WatcherAuthorization>(command, EntityTimeout).ConfigureAwait(false);
        LogAuthorized(done.Aor, done.Watcher, request.Decision!, done.Subscriptions);
        return Results.Ok(new { presentity = done.Aor, watcher = done.Watcher, decision = AuthorizationDecisions.Name(done.Decision), subscriptions = done.Subscriptions });
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The configured token, or a new one written to the data directory for the command line to read.</summary>
    private static async Task<string> TokenAsync(AdminOptions admin, string dataDirectory)
    {
        if (!string.IsNullOrEmpty(admin.Token))
        {
            return admin.Token;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, AdminOptions.TokenFileName);
        await File.WriteAllTextAsync(file, token).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin endpoint listening on {Address}")]
    private partial void LogListening(Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin: {Presentity} decided {Decision} for watcher {Watcher} ({Subscriptions} current subscriptions)")]
    private partial void LogAuthorized(string presentity, string watcher, string decision, int subscriptions);

    /// <summary>The body of <c>POST /v1/presence/authorize</c>.</summary>
    internal sealed record AuthorizeRequest(string? Presentity, string? Watcher, string? Decision);
}

/// <summary>The names of <see cref="AuthorizationDecision"/>s as operators write them (RFC 5025 section 3.2.1).</summary>
internal static class AuthorizationDecisions
{
    public static AuthorizationDecision? TryParse(string? name) => name?.ToLowerInvariant() switch
    {
        "allow" => AuthorizationDecision.Allow,
        "block" => AuthorizationDecision.Block,
        "polite-block" => AuthorizationDecision.PoliteBlock,
        _ => null,
    };

    public static string Name(AuthorizationDecision decision) => decision switch
    {
        AuthorizationDecision.Allow => "allow",
        AuthorizationDecision.Block => "block",
        _ => "polite-block",
    };
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Http;

/// <summary>
/// <see cref="HttpDigestAuthenticator"/> in front of an ASP.NET Core endpoint (XCAP): reads the request's
/// <c>Authorization</c>, answers 401 with the challenges or 400 itself, and gives the authenticated AOR otherwise.
/// Usable from a minimal API handler (<see cref="AuthenticateAsync"/>) or around a <see cref="RequestDelegate"/>
/// (<see cref="Require"/>).
/// </summary>
public sealed partial class HttpAuthentication
{
    /// <summary>The claim type of the authenticated AOR in <see cref="HttpContext.User"/> (set by <see cref="Require"/>).</summary>
    public const string AorClaimType = ClaimTypes.NameIdentifier;

    private readonly HttpDigestAuthenticator authenticator;
    private readonly IDigestCredentialSource users;
    private readonly Func<HttpContext, string> realmOf;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <param name="authenticator">The decision.</param>
    /// <param name="users">The stored HA1s (the node's <c>UserDirectory</c>).</param>
    /// <param name="realmOf">
    /// The realm of a request: a domain we serve, as SIP uses for its users (e.g. the domain of the XUI the request
    /// addresses, or the one domain served).
    /// </param>
    /// <param name="time">The clock; the system's when null.</param>
    /// <param name="logger">Where refusals are logged, with the reason the wire does not carry.</param>
    public HttpAuthentication(
        HttpDigestAuthenticator authenticator, IDigestCredentialSource users, Func<HttpContext, string> realmOf, TimeProvider? time = null,
        ILogger<HttpAuthentication>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(realmOf);
        this.authenticator = authenticator;
        this.users = users;
        this.realmOf = realmOf;
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The same with one realm for every request (a node serving one domain).</summary>
    public HttpAuthentication(
        HttpDigestAuthenticator authenticator, IDigestCredentialSource users, string realm, TimeProvider? time = null,
        ILogger<HttpAuthentication>? logger = null)
        : this(authenticator, users, _ => realm, time, logger)
    {
        ArgumentNullException.ThrowIfNull(realm);
    }

    /// <summary>
    /// The authenticated AOR (<c>sip:alice@example.com</c>), with <c>Authentication-Info</c> added to the response for
    /// Digest; or null when the request has been answered here: 401 with the challenges, or 400.
    /// </summary>
    public Task<string?> AuthenticateAsync(HttpContext context) => Task.FromResult(Authenticate(context)?.IdentityAor);

    /// <summary>
    /// A <see cref="RequestDelegate"/> that lets only authenticated requests through to <paramref name="next"/>, with
    /// <see cref="HttpContext.User"/> naming the AOR (<see cref="AorClaimType"/>, the name is the digest username).
    /// </summary>
    public RequestDelegate Require(RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return context =>
        {
            if (Authenticate(context) is not { } authenticated)
            {
                return Task.CompletedTask;
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(AorClaimType, authenticated.IdentityAor), new Claim(ClaimTypes.Name, authenticated.Username)], authenticated.Scheme));
            return next(context);
        };
    }

    /// <summary>The request-target as the client sent it on the request line (path and query), which the digest <c>uri</c> repeats.</summary>
    public static string RequestTarget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase.Add(context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
    }

    private HttpAuthenticated? Authenticate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var realm = realmOf(context);
        var target = RequestTarget(context);
        var authorization = request.Headers.Authorization;
        var outcome = authorization.Count > 1
            ? new HttpBadRequest("more than one Authorization header")
            : authenticator.Authenticate(request.Method, target, authorization.ToString() is { Length: > 0 } value ? value : null, request.IsHttps, realm, users, time.GetUtcNow());

        if (outcome is HttpAuthenticated authenticated)
        {
            if (authenticated.AuthenticationInfo is { } info && !context.Response.HasStarted)
            {
                context.Response.Headers["Authentication-Info"] = info;
            }

            return authenticated;
        }

        Refused(context, target, outcome, hadCredentials: !StringValues.IsNullOrEmpty(authorization));
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = outcome.StatusCode;
            if (outcome is HttpChallenge challenge)
            {
                context.Response.Headers.WWWAuthenticate = new StringValues([.. challenge.Challenges]);
            }
        }

        return null;
    }

    private void Refused(HttpContext context, string target, HttpAuthenticationOutcome outcome, bool hadCredentials)
    {
        // The first leg of every digest exchange is a request without credentials: not worth a line. An expired nonce is
        // routine too (Debug); wrong or malformed credentials are what an operator looks for (Information).
        var level = !hadCredentials ? LogLevel.Trace : outcome is HttpChallenge { Stale: true } ? LogLevel.Debug : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            var remote = context.Connection.RemoteIpAddress?.ToString() ?? "-";
            LogRefused(logger, level, context.Request.Method, target, remote, outcome.StatusCode, outcome.Reason);
        }
    }

    [LoggerMessage(Message = "HTTP authentication: {Method} {Target} from {Remote} answered {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, LogLevel level, string method, string target, string remote, int status, string reason);
}

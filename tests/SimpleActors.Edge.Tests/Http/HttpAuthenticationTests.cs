using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Http;
using SimpleActors.Edge.Tests.Auth;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Http;

/// <summary>What the ASP.NET Core piece writes on a request's response, and what it lets through.</summary>
public sealed class HttpAuthenticationTests : IDisposable
{
    private const string Realm = "example.com";

    private readonly TemporaryFolder folder = new();
    private readonly UserDirectory users;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpDigestAuthenticator authenticator = new(NonceIssuer.WithRandomSecret(TimeSpan.FromMinutes(5)), new NonceCountTracker());
    private readonly CapturingLogger logger = new();
    private readonly HttpAuthentication authentication;

    public HttpAuthenticationTests()
    {
        var path = folder.File("users.json");
        UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "password")).Write(path);
        users = new UserDirectory(path, pollInterval: Timeout.InfiniteTimeSpan);
        authentication = new HttpAuthentication(authenticator, users, Realm, time, logger);
    }

    public void Dispose()
    {
        users.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task A_request_without_credentials_gets_401_with_one_www_authenticate_row_per_challenge()
    {
        var context = Request();

        Assert.Null(await authentication.AuthenticateAsync(context));

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Equal(["SHA-256", "MD5"], context.Response.Headers.WWWAuthenticate.Select(v => AuthChallenge.Parse(v!).Algorithm));
        Assert.DoesNotContain(logger.Lines, l => l.Level >= LogLevel.Debug);
    }

    [Fact]
    public async Task Over_https_basic_is_offered_and_accepted()
    {
        var challenged = Request(https: true);
        Assert.Null(await authentication.AuthenticateAsync(challenged));
        Assert.StartsWith("Basic ", challenged.Response.Headers.WWWAuthenticate[^1], StringComparison.Ordinal);

        var context = Request(DigestClient.Basic("alice", "password"), https: true);

        Assert.Equal("sip:alice@example.com", await authentication.AuthenticateAsync(context));
        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_right_digest_gives_the_aor_and_an_authentication_info_header()
    {
        var challenge = await ChallengeAsync("SHA-256");
        var context = Request(DigestClient.Authorization(challenge, "alice", "password", "GET", "/xcap-root/index?a=1"));

        Assert.Equal("sip:alice@example.com", await authentication.AuthenticateAsync(context));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Contains("rspauth=", context.Response.Headers["Authentication-Info"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_401_and_a_log_line_with_the_reason()
    {
        var challenge = await ChallengeAsync("MD5");
        var context = Request(DigestClient.Authorization(challenge, "alice", "wrong", "GET", "/xcap-root/index?a=1"));

        Assert.Null(await authentication.AuthenticateAsync(context));

        Assert.Equal(401, context.Response.StatusCode);
        var line = Assert.Single(logger.Lines, l => l.Level >= LogLevel.Debug);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("wrong response for sip:alice@example.com", line.State["Reason"]);
        Assert.Equal("/xcap-root/index?a=1", line.State["Target"]);
        Assert.Equal(401, line.State["Status"]);
    }

    [Theory]
    [InlineData("Digest username=")]
    [InlineData("Basic !!!")]
    public async Task A_malformed_header_gets_400_without_a_challenge(string header)
    {
        var context = Request(header, https: true);

        Assert.Null(await authentication.AuthenticateAsync(context));

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Headers.WWWAuthenticate.Count);
    }

    [Fact]
    public async Task Two_authorization_headers_are_a_bad_request()
    {
        var context = Request();
        context.Request.Headers.Authorization = new(["Basic YTpi", "Basic YzpkCg=="]);

        Assert.Null(await authentication.AuthenticateAsync(context));

        Assert.Equal(400, context.Response.StatusCode);
    }

    [Fact]
    public async Task Require_lets_an_authenticated_request_through_with_the_aor_as_its_user()
    {
        var challenge = await ChallengeAsync("SHA-256");
        ClaimsPrincipal? seen = null;
        var handler = authentication.Require(context =>
        {
            seen = context.User;
            return Task.CompletedTask;
        });

        await handler(Request(DigestClient.Authorization(challenge, "alice", "password", "GET", "/xcap-root/index?a=1")));

        Assert.Equal("sip:alice@example.com", seen!.FindFirst(HttpAuthentication.AorClaimType)!.Value);
        Assert.Equal("alice", seen.Identity!.Name);
        Assert.Equal("Digest", seen.Identity.AuthenticationType);
    }

    [Fact]
    public async Task Require_answers_an_unauthenticated_request_itself()
    {
        var called = false;
        var handler = authentication.Require(_ =>
        {
            called = true;
            return Task.CompletedTask;
        });
        var context = Request(DigestClient.Basic("alice", "password"));

        await handler(context);

        Assert.False(called);
        Assert.Equal(401, context.Response.StatusCode);
    }

    [Fact]
    public void The_request_target_is_the_raw_one_when_the_server_gives_it()
    {
        var context = Request();
        Assert.Equal("/xcap-root/index?a=1", HttpAuthentication.RequestTarget(context));

        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget = "/xcap-root/%69ndex?a=1";

        Assert.Equal("/xcap-root/%69ndex?a=1", HttpAuthentication.RequestTarget(context));
    }

    private async Task<AuthChallenge> ChallengeAsync(string algorithm)
    {
        var context = Request();
        await authentication.AuthenticateAsync(context);
        return DigestClient.Pick(context.Response.Headers.WWWAuthenticate!, algorithm);
    }

    private static DefaultHttpContext Request(string? authorization = null, bool https = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = https ? "https" : "http";
        context.Request.Path = "/xcap-root/index";
        context.Request.QueryString = new QueryString("?a=1");
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    private sealed class CapturingLogger : ILogger<HttpAuthentication>
    {
        public List<(LogLevel Level, Dictionary<string, object?> State)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            Lines.Add((logLevel, values.ToDictionary(kv => kv.Key, kv => kv.Value)));
        }
    }
}

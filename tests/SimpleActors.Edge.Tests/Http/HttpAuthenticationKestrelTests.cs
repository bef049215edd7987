using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Http;
using SimpleActors.Edge.Tests.Auth;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Http;

/// <summary>
/// Real clients against a real Kestrel on 127.0.0.1 with <see cref="HttpAuthentication"/> in front of a tiny endpoint
/// that echoes the authenticated AOR and the digest algorithm the client chose: curl's digest, .NET's own digest, and
/// a hand-rolled SHA-256 answer over HttpClient.
/// </summary>
public sealed class HttpAuthenticationKestrelTests : IAsyncLifetime, IDisposable
{
    private const string Realm = "example.com";
    private const string Target = "/xcap-root/pres-rules/users/sip:alice@example.com/index?x=1";

    private static readonly string? Curl = FindOnPath("curl");

    private readonly TemporaryFolder folder = new();
    private readonly NonceIssuer nonces = NonceIssuer.WithRandomSecret(TimeSpan.FromMinutes(5));
    private readonly NonceCountTracker nonceCounts = new();
    private readonly UserDirectory users;
    private WebApplication server = null!;
    private Uri baseAddress = null!;
    private IReadOnlyList<DigestAlgorithm>? offered;

    public HttpAuthenticationKestrelTests()
    {
        var path = folder.File("users.json");
        UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "password")).Write(path);
        users = new UserDirectory(path, pollInterval: Timeout.InfiniteTimeSpan);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var listens = new List<ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listens.Add));
        server = builder.Build();
        // The authenticator is made per request so that a test can change what is offered.
        server.Run(context =>
        {
            var authentication = new HttpAuthentication(new HttpDigestAuthenticator(nonces, nonceCounts, offered), users, Realm);
            return authentication.Require(Echo)(context);
        });
        await server.StartAsync();
        baseAddress = new Uri($"http://127.0.0.1:{listens[0].IPEndPoint!.Port}");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose()
    {
        users.Dispose();
        folder.Dispose();
    }

    [SkippableFact]
    public async Task Curl_digest_answers_the_first_challenge_sha256()
    {
        Skip.If(Curl is null, "curl is not installed");

        var (status, body) = await CurlAsync("alice:password");

        Assert.Equal("200", status);
        Assert.Equal("sip:alice@example.com SHA-256", body);
    }

    [SkippableFact]
    public async Task Curl_digest_authenticates_with_md5()
    {
        Skip.If(Curl is null, "curl is not installed");
        offered = [DigestAlgorithm.Md5];

        var (status, body) = await CurlAsync("alice:password");

        Assert.Equal("200", status);
        Assert.Equal("sip:alice@example.com MD5", body);
    }

    [SkippableFact]
    public async Task Curl_digest_with_a_wrong_password_ends_at_401()
    {
        Skip.If(Curl is null, "curl is not installed");

        var (status, _) = await CurlAsync("alice:wrong");

        Assert.Equal("401", status);
    }

    [SkippableFact]
    public async Task Curl_basic_over_clear_http_is_refused()
    {
        Skip.If(Curl is null, "curl is not installed");

        var (status, _) = await CurlAsync("alice:password", "--basic");

        Assert.Equal("401", status);
    }

    [Fact]
    public async Task A_hand_rolled_sha256_digest_over_httpclient_authenticates_and_the_server_proves_itself()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress };

        using var first = await client.GetAsync(new Uri(Target, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        var challenge = DigestClient.Pick(first.Headers.WwwAuthenticate.Select(h => h.ToString()), "SHA-256");

        using var second = await SendAsync(client, DigestClient.Authorization(challenge, "alice", "password", "GET", Target, "00000001", "c1"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("sip:alice@example.com SHA-256", await second.Content.ReadAsStringAsync());
        var info = AuthCredentials.Parse("Digest " + string.Join(", ", second.Headers.GetValues("Authentication-Info")));
        Assert.Equal(DigestClient.Rspauth("SHA-256", "alice", Realm, "password", Target, challenge.Nonce!, "00000001", "c1"), info["rspauth"]);

        // The nonce is reused with the next nonce-count; the same count again is a replay.
        using var third = await SendAsync(client, DigestClient.Authorization(challenge, "alice", "password", "GET", Target, "00000002", "c2"));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        using var replay = await SendAsync(client, DigestClient.Authorization(challenge, "alice", "password", "GET", Target, "00000002", "c2"));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains(replay.Headers.WwwAuthenticate, h => AuthChallenge.Parse(h.ToString()).Stale);
    }

    [Fact]
    public async Task Dotnet_httpclient_digest_answers_the_first_challenge_sha256()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, Credentials = new NetworkCredential("alice", "password") })
        {
            BaseAddress = baseAddress,
        };

        using var response = await client.GetAsync(new Uri(Target, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sip:alice@example.com SHA-256", await response.Content.ReadAsStringAsync());
    }

    private static Task Echo(HttpContext context)
    {
        var algorithm = AuthCredentials.TryParse(context.Request.Headers.Authorization.ToString(), out var credentials) ? credentials.Algorithm ?? "MD5" : "-";
        return context.Response.WriteAsync($"{context.User.FindFirst(HttpAuthentication.AorClaimType)!.Value} {algorithm}");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Target, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }

    private async Task<(string Status, string Body)> CurlAsync(string userPassword, string scheme = "--digest")
    {
        var start = new ProcessStartInfo(Curl!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-sS", "--noproxy", "*", scheme, "-u", userPassword, "-w", "\n%{http_code}", new Uri(baseAddress, Target).ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var output = curl.StandardOutput.ReadToEndAsync();
        var errors = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(curl.ExitCode == 0, $"curl exited {curl.ExitCode}: {await errors}");
        var text = await output;
        var lastLine = text.LastIndexOf('\n');
        return (text[(lastLine + 1)..], text[..Math.Max(lastLine, 0)]);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, name))
        .FirstOrDefault(File.Exists);
}

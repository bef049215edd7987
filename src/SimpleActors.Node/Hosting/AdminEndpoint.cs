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
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Sharding;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The node's admin HTTP endpoint (ASP.NET Core on Kestrel, loopback only, bearer token): what operators, the
/// <c>simpleactors presence</c> and <c>simpleactors cluster</c> commands, load balancers and Prometheus ask of a running
/// node. The routes live in one file per area: <see cref="PresenceAdminApi"/>, <see cref="ClusterAdminApi"/>,
/// <see cref="HealthApi"/> (open, no token) and <c>/metrics</c> (Hosting/NodeMetrics.cs).
/// </summary>
internal sealed partial class AdminEndpoint(
    IOptions<SimpleActorsOptions> options, IServiceProvider services, ILogger<AdminEndpoint> logger, IHostEnvironment environment)
    : IHostedService, IAsyncDisposable
{
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
        // No appsettings.json reloading: its watcher covers the whole content root (the current directory), and with the
        // journal in data/ below it every SQLite write woke it (about 6 % of the node's CPU in a registration storm).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(admin.Address), admin.Port));
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!IsOpen(context.Request.Path) && !Authorized(context.Request, token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        var system = services.GetRequiredService<ActorSystem>();
        var registry = services.GetRequiredService<ActorRegistry>();
        var isEdge = options.Value.Cluster.Roles.Contains(SipEdgeHosting.EdgeRole, StringComparer.OrdinalIgnoreCase);
        PresenceAdminApi.Map(app, () => registry.Get<XcapDocumentRegion>(), logger);
        ClusterAdminApi.Map(
            app,
            system,
            [
                (RegistrationRegion.Name, () => registry.Get<RegistrationRegion>()),
                (MailboxRegion.Name, () => registry.Get<MailboxRegion>()),
                (PresentityRegion.Name, () => registry.Get<PresentityRegion>()),
                (SubscriptionRegion.Name, () => registry.Get<SubscriptionRegion>()),
            ],
            options.Value.Cluster.ShardCount,
            logger);
        HealthApi.Map(app, system, services.GetRequiredService<JournalStore>(), services.GetRequiredService<SipEdgeRuntime>(), isEdge);
        NodeMetrics.MapMetrics(app, services);
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

    /// <summary>Health (and metrics, when the node exports them) are read without the token.</summary>
    private static bool IsOpen(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments(NodeMetrics.Path, StringComparison.Ordinal);

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
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SimpleActors.Edge;
using SimpleActors.Engine;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The node's OpenTelemetry metrics (docs/operations.md, "Metrics"): the meters of the edge, the engine and the node,
/// collected by one MeterProvider in the node's services and read by Prometheus on the admin endpoint's
/// <c>/metrics</c> (open, like <c>/health</c>). Off with <c>Admin:MetricsEnabled</c> false or <c>Admin:Enabled</c>
/// false: then nothing listens to the instruments, and recording a measurement costs a flag check.
/// </summary>
internal static class NodeMetrics
{
    public const string MeterName = "SimpleActors.Node";

    /// <summary>The scrape path on the admin endpoint.</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// Registers the MeterProvider with the Prometheus exporter. Call it before the actor system is added: the provider
    /// is built when the hosted services start, in order, and must listen before the first entity counts itself live.
    /// </summary>
    public static IServiceCollection AddNodeMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var admin = configuration.GetSection("Admin").Get<AdminOptions>() ?? new AdminOptions();
        if (!admin.Enabled || !admin.MetricsEnabled)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("simpleactors"))
            .WithMetrics(metrics => metrics
            .AddMeter(EdgeMetrics.MeterName, EngineMetrics.MeterName, MeterName)
            .AddInstrumentation(sp => new ClusterMembersGauge(sp))
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Maps <see cref="Path"/> on the admin endpoint, a WebApplication of its own: the exporter is the one of the
    /// node's MeterProvider, passed in, since the admin application's services have none. Nothing is mapped when the
    /// node exports no metrics.
    /// </summary>
    public static void MapMetrics(WebApplication app, IServiceProvider nodeServices)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (nodeServices.GetService<MeterProvider>() is { } provider)
        {
            app.MapPrometheusScrapingEndpoint(Path, provider, configureBranchedPipeline: null!, optionsName: null!);
        }
    }
}

using System.Data.Common;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SimpleActors.Engine.Persistence;
using SimpleActors.Sip.Transport;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// <c>GET /health/live</c> (the process answers and its actor system runs) and <c>GET /health/ready</c>: ready only when
/// this node is Up in the cluster, the journal answers <c>SELECT 1</c> and, on an edge node, the SIP listeners are bound and
/// each has a receive loop (UDP) or an accept loop (TCP) running.
/// Both answer <c>{"status", "checks": {name: "ok" | reason}}</c>, 200 or 503. Open without the token: they tell a load
/// balancer or an orchestrator nothing but these facts.
/// </summary>
internal static class HealthApi
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(3);

    public static void Map(IEndpointRouteBuilder routes, ActorSystem system, JournalStore store, SipEdgeRuntime edge, bool isEdge)
    {
        routes.MapGet(LivePath, () =>
        {
            var running = !system.WhenTerminated.IsCompleted;
            return Answer(new Dictionary<string, string> { ["actor-system"] = running ? Ok : "terminated" });
        });
        routes.MapGet(ReadyPath, async (CancellationToken cancellationToken) =>
        {
            var checks = new Dictionary<string, string>
            {
                ["cluster"] = MemberCheck(AkkaCluster.Get(system)),
                ["journal"] = await JournalCheckAsync(store, cancellationToken).ConfigureAwait(false),
            };
            if (isEdge)
            {
                checks["sip"] = SipCheck(edge);
            }

            return Answer(checks);
        });
    }

    private const string Ok = "ok";

    /// <summary>Ok when every listener is bound and has a receive loop (UDP) or an accept loop (TCP) running.</summary>
    internal static string SipCheck(SipEdgeRuntime edge)
    {
        if (!edge.Started.IsCompletedSuccessfully)
        {
            return edge.Started.IsFaulted ? "listeners failed to bind" : "listeners not bound yet";
        }

        var idle = edge.Listeners
            .Where(l => edge.Loops?.Running(l.Transport, l.EndPoint) is not > 0)
            .Select(l => $"{l.Transport.ViaName().ToLowerInvariant()} {l.EndPoint}")
            .ToList();
        return idle.Count == 0 ? Ok : $"not receiving: {string.Join(", ", idle)}";
    }

    private static string MemberCheck(AkkaCluster cluster)
    {
        var status = cluster.SelfMember.Status;
        return status == MemberStatus.Up ? Ok : $"member status {status}";
    }

    private static async Task<string> JournalCheckAsync(JournalStore store, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(JournalTimeout);
        try
        {
            return await JournalDatabase.PingAsync(store, timeout.Token).ConfigureAwait(false) ? Ok : "SELECT 1 did not answer 1";
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {JournalTimeout.TotalSeconds} s";
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return e.Message;
        }
    }

    private static IResult Answer(Dictionary<string, string> checks)
    {
        var healthy = checks.Values.All(v => v == Ok);
        return Results.Json(new { status = healthy ? "healthy" : "unhealthy", checks }, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

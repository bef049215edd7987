using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SimpleActors.Engine.Sharding;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The cluster part of the admin endpoint, what <c>simpleactors cluster status | shards | leave</c> calls:
/// <list type="bullet">
/// <item><c>GET /v1/cluster/members</c>: <c>{"self", "leader", "members": [{"address", "status", "roles", "reachable", "self"}]}</c>.</item>
/// <item><c>GET /v1/cluster/shards</c>: per entity type, shards and live entities per node:
/// <c>{"types": [{"type", "shards", "entities", "nodes": [{"address", "shards", "entities"}]}], "failed": [...]}</c>.</item>
/// <item><c>GET /v1/cluster/locate/{type}/{id}</c>: where one entity lives: <c>{"type", "id", "shard", "node"}</c>, node null
/// while its shard is not allocated (nothing has asked for it since the last move).</item>
/// <item><c>POST /v1/cluster/leave</c> and <c>POST /v1/cluster/down</c> with <c>{"address"}</c> (a full address or
/// <c>host:port</c>): 202 <c>{"address", "action"}</c>, 404 when no member matches, 409 when several do.</item>
/// </list>
/// </summary>
internal static partial class ClusterAdminApi
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(10);

    public static void Map(
        IEndpointRouteBuilder routes, ActorSystem system, IReadOnlyList<(string Type, Func<IActorRef> Region)> regions, int shardCount, ILogger logger)
    {
        var cluster = AkkaCluster.Get(system);
        routes.MapGet("/v1/cluster/members", () => Results.Ok(Members(cluster)));
        routes.MapGet("/v1/cluster/shards", async () => Results.Ok(await ShardsAsync(regions).ConfigureAwait(false)));
        routes.MapGet("/v1/cluster/locate/{type}/{id}", async (string type, string id) =>
        {
            var region = regions.FirstOrDefault(r => r.Type == type);
            if (region.Region is null)
            {
                return Results.NotFound(new { error = $"no entity type {type}: {string.Join(", ", regions.Select(r => r.Type))}" });
            }

            var shard = ShardHash.ShardOf(id, shardCount);
            var stats = await region.Region().Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var node = stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shard)).Key;
            return Results.Ok(new LocationView(type, id, shard, node?.ToString()));
        });
        routes.MapPost("/v1/cluster/leave", (MemberRequest request) => Act(cluster, request, "leave", logger));
        routes.MapPost("/v1/cluster/down", (MemberRequest request) => Act(cluster, request, "down", logger));
    }

    public static MembersView Members(AkkaCluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members
            .Select(m => new MemberView(
                m.Address.ToString(), m.Status.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], !unreachable.Contains(m.Address), m.Address == cluster.SelfAddress))
            .OrderBy(m => m.Address, StringComparer.Ordinal)
            .ToList();
        return new MembersView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members);
    }

    public static async Task<ShardsView> ShardsAsync(IReadOnlyList<(string Type, Func<IActorRef> Region)> regions)
    {
        var asks = regions.Select(r => (r.Type, Stats: r.Region().Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(2)))).ToList();
        var types = new List<ShardTypeView>();
        var failed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, ask) in asks)
        {
            var stats = await ask.ConfigureAwait(false);
            var nodes = stats.Regions
                .Select(r => new ShardNodeView(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum()))
                .OrderBy(n => n.Address, StringComparer.Ordinal)
                .ToList();
            foreach (var (address, region) in stats.Regions)
            {
                if (region.Failed.Count > 0)
                {
                    failed.Add(address.ToString());
                }
            }

            types.Add(new ShardTypeView(type, nodes.Sum(n => n.Shards), nodes.Sum(n => n.Entities), nodes));
        }

        return new ShardsView(types, [.. failed]);
    }

    /// <summary>The member an operator meant: the exact address, or the one whose <c>host:port</c> it is.</summary>
    public static IReadOnlyList<Address> Match(IEnumerable<Address> members, string text)
    {
        ArgumentNullException.ThrowIfNull(members);
        var trimmed = text.Trim();
        var all = members.ToList();
        var exact = all.Where(a => string.Equals(a.ToString(), trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count > 0 ? exact : all.Where(a => string.Equals($"{a.Host}:{a.Port}", trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static IResult Act(AkkaCluster cluster, MemberRequest request, string action, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(request.Address))
        {
            return Results.BadRequest(new { error = "address is required: akka.tcp://simpleactors@host:port or host:port" });
        }

        var matches = Match(cluster.State.Members.Select(m => m.Address), request.Address);
        switch (matches.Count)
        {
            case 0:
                return Results.NotFound(new { error = $"no cluster member {request.Address}" });
            case > 1:
                return Results.Conflict(new { error = $"{request.Address} names several members: {string.Join(", ", matches)}" });
        }

        var address = matches[0];
        if (action == "leave")
        {
            cluster.Leave(address);
        }
        else
        {
            cluster.Down(address);
        }

        LogAction(logger, action, address);
        return Results.Accepted(value: new { address = address.ToString(), action });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin: {Action} {Address}")]
    private static partial void LogAction(ILogger logger, string action, Address address);

    internal sealed record LocationView(string Type, string Id, string Shard, string? Node);

    internal sealed record MemberRequest(string? Address);

    internal sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, bool Self);

    internal sealed record MembersView(string Self, string? Leader, IReadOnlyList<MemberView> Members);

    internal sealed record ShardNodeView(string Address, int Shards, int Entities);

    internal sealed record ShardTypeView(string Type, int Shards, int Entities, IReadOnlyList<ShardNodeView> Nodes);

    internal sealed record ShardsView(IReadOnlyList<ShardTypeView> Types, IReadOnlyList<string> Failed);
}

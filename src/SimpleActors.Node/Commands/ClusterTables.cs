using System.Globalization;
using System.Text.Json;
using SimpleActors.Node.Hosting;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>What <c>simpleactors cluster status</c> and <c>shards</c> show of the admin endpoint's answers.</summary>
internal static class ClusterTables
{
    /// <summary>One row per member: address, status, roles, reachable, and which is this node and which the leader.</summary>
    public static Table Members(ClusterAdminApi.MembersView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var table = new Table().AddColumns("member", "status", "roles", "reachable", string.Empty);
        foreach (var member in view.Members)
        {
            var marks = new List<string>(2);
            if (member.Self)
            {
                marks.Add("self");
            }

            if (member.Address == view.Leader)
            {
                marks.Add("leader");
            }

            table.AddRow(
                new Text(member.Address),
                Coloured(member.Status, member.Status == "Up" ? "green" : member.Status is "Down" or "Removed" ? "red" : "yellow"),
                new Text(string.Join(", ", member.Roles)),
                member.Reachable ? new Text("yes") : Coloured("no", "red"),
                new Text(string.Join(", ", marks)));
        }

        return table;
    }

    /// <summary>The node's <c>/health/ready</c> answer in a line: <c>ready: healthy (cluster ok, journal ok, sip ok)</c>.</summary>
    public static string Readiness(JsonElement health)
    {
        var status = health.TryGetProperty("status", out var s) ? s.GetString() : null;
        var checks = health.TryGetProperty("checks", out var c) && c.ValueKind == JsonValueKind.Object
            ? c.EnumerateObject().Select(check => check.Value.GetString() == "ok" ? $"{check.Name} ok" : $"{check.Name}: {check.Value}")
            : [];
        return $"ready: {status ?? "unknown"} ({string.Join(", ", checks)})";
    }

    /// <summary>One row per entity type and node with its shards and live entities, and the totals.</summary>
    public static Table Shards(ClusterAdminApi.ShardsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var table = new Table()
            .AddColumn("type")
            .AddColumn("node")
            .AddColumn(new TableColumn("shards").RightAligned())
            .AddColumn(new TableColumn("entities").RightAligned());
        foreach (var type in view.Types)
        {
            if (type.Nodes.Count == 0)
            {
                table.AddRow(type.Type, "-", Count(0), Count(0));
            }

            foreach (var node in type.Nodes)
            {
                table.AddRow(new Text(type.Type), new Text(node.Address), new Text(Count(node.Shards)), new Text(Count(node.Entities)));
            }
        }

        table.AddEmptyRow();
        table.AddRow("total", string.Empty, Count(view.Types.Sum(t => t.Shards)), Count(view.Types.Sum(t => t.Entities)));
        return table;
    }

    /// <summary>The nodes where some shards did not answer with their stats, in a line.</summary>
    public static string Failed(ClusterAdminApi.ShardsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Failed.Count == 0 ? "every region answered" : $"no answer from: {string.Join(", ", view.Failed)}";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Markup Coloured(string text, string colour) => new($"[{colour}]{Markup.Escape(text)}[/]");
}

using System.Text.Json;
using SimpleActors.Node.Commands;
using SimpleActors.Node.Hosting;

namespace SimpleActors.Node.Tests.Commands;

public class ClusterTablesTests
{
    private const string One = "akka.tcp://simpleactors@10.0.0.1:4053";
    private const string Two = "akka.tcp://simpleactors@10.0.0.2:4053";

    private static string Rendered(Spectre.Console.Rendering.IRenderable table)
    {
        using var output = new StringWriter();
        CommandConsole.Create(output).Write(table);
        return output.ToString();
    }

    [Fact]
    public void The_leader_is_marked_on_its_own_row_and_an_unreachable_member_says_no()
    {
        var view = new ClusterAdminApi.MembersView(One, Two,
        [
            new(One, "Up", ["core", "edge"], Reachable: true, Self: true),
            new(Two, "Up", ["core"], Reachable: false, Self: false),
        ]);

        var lines = Rendered(ClusterTables.Members(view)).Split('\n');

        Assert.Matches(@"10\.0\.0\.1:4053 .*Up .*core, edge .*yes .*self *[│|]", lines.Single(l => l.Contains(One, StringComparison.Ordinal)));
        Assert.Matches(@"10\.0\.0\.2:4053 .*Up .*core .*no .*leader *[│|]", lines.Single(l => l.Contains(Two, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_node_that_is_not_ready_says_which_check_failed_and_why()
    {
        using var health = JsonDocument.Parse("""{"status":"unhealthy","checks":{"cluster":"member status Joining","journal":"ok"}}""");

        Assert.Equal("ready: unhealthy (cluster: member status Joining, journal ok)", ClusterTables.Readiness(health.RootElement));
    }

    [Fact]
    public void Shards_total_every_type_and_name_the_regions_that_did_not_answer()
    {
        var view = new ClusterAdminApi.ShardsView(
        [
            new("registration", 5, 7, [new(One, 3, 4), new(Two, 2, 3)]),
            new("mailbox", 0, 0, []),
        ],
        [Two]);

        var table = Rendered(ClusterTables.Shards(view));

        Assert.Matches(@"total .*[│|] +5 [│|] +7 [│|]", table);
        Assert.Matches(@"mailbox .*[│|] -  .*[│|] +0 [│|] +0 [│|]", table);
        Assert.Equal($"no answer from: {Two}", ClusterTables.Failed(view));
    }
}

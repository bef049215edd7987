using System.Collections;
using Akka;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SimpleActors.Node.Configuration;
using SimpleActors.Node.Hosting;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Node.Tests.Hosting;

public class NodeHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static NodeConfigurationSources Sources(TemporaryDirectory temp, params string[] switches) => new()
    {
        CurrentDirectory = temp.Path,
        EnvironmentVariables = new Hashtable(),
        Switches = switches,
        Overrides = new Dictionary<string, string?>
        {
            ["DataDirectory"] = Path.Combine(temp.Path, "data"),
            ["Cluster:Port"] = "0",
            ["Sip:Listeners:0:Port"] = "0",
            ["Sip:Listeners:1:Port"] = "0",
            ["Sip:Listeners:2:Port"] = "0",
            ["Sip:Listeners:3:Port"] = "0",
            ["Sip:Listeners:4:Port"] = "0",
            ["Admin:Port"] = "0",
            ["Xcap:Port"] = "0",
            ["Xcap:HttpsPort"] = "-1",
        },
    };

    private static async Task<AkkaCluster> StartAndWaitUntilUpAsync(IHost host)
    {
        await host.StartAsync();
        var cluster = AkkaCluster.Get(host.Services.GetRequiredService<ActorSystem>());
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(Timeout);
        return cluster;
    }

    [Fact]
    public async Task A_node_forms_a_single_node_cluster_on_an_ephemeral_port_with_the_default_roles()
    {
        using var temp = new TemporaryDirectory();
        using var host = NodeHost.Build(Sources(temp));

        var cluster = await StartAndWaitUntilUpAsync(host);

        Assert.Equal("simpleactors", cluster.SelfAddress.System);
        Assert.NotEqual(0, cluster.SelfAddress.Port);
        Assert.Contains("edge", cluster.SelfRoles);
        Assert.Contains("core", cluster.SelfRoles);
        Assert.True(File.Exists(Path.Combine(temp.Path, "data", "simpleactors.db")));
        await host.StopAsync();
    }

    [Fact]
    public async Task Events_persisted_by_one_run_are_recovered_by_the_next_run()
    {
        using var temp = new TemporaryDirectory();

        using (var first = NodeHost.Build(Sources(temp)))
        {
            await StartAndWaitUntilUpAsync(first);
            var system = first.Services.GetRequiredService<ActorSystem>();
            var notes = system.ActorOf(Props.Create(() => new NoteActor("notes-1")));
            await notes.Ask<Done>("first", Timeout);
            await notes.Ask<Done>("second", Timeout);
            await first.StopAsync();
        }

        using var second = NodeHost.Build(Sources(temp));
        await StartAndWaitUntilUpAsync(second);
        var recovered = second.Services.GetRequiredService<ActorSystem>()
            .ActorOf(Props.Create(() => new NoteActor("notes-1")));

        var held = await recovered.Ask<string[]>(new NoteActor.Query(), Timeout);

        Assert.Equal(["first", "second"], held);
        await second.StopAsync();
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_start_before_the_actor_system_runs()
    {
        using var temp = new TemporaryDirectory();
        using var host = NodeHost.Build(Sources(temp, "--Cluster:ShardCount=0"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("Cluster:ShardCount", StringComparison.Ordinal));
    }
}

using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimpleActors.Node.Hosting;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors cluster status | shards | leave &lt;node&gt; | down &lt;node&gt;</c>: a running node's view of its cluster
/// through its admin endpoint (<see cref="ClusterAdminApi"/>, <see cref="HealthApi"/>): the members and this node's
/// readiness, the shards and live entities of each entity type per node, and asking a member to leave or marking it
/// down. Tables for people, <c>--json</c> for scripts. Endpoint and token as for <c>presence</c>
/// (<see cref="AdminEndpointOptions"/>: <c>--config</c> of the node, or <c>--url</c> with <c>--data-dir</c>). Exit codes: 0 done, 1 the node could not be reached or refused (401, 404 no such
/// member, 409 several), 2 bad input.
/// </summary>
internal static class ClusterCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private const string Name = "simpleactors cluster";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var admin = new AdminEndpointOptions();
        var json = new Option<bool>("--json") { Description = "Print the endpoint's JSON instead of a table.", Recursive = true };

        var status = new Command("status", "The cluster's members as this node sees them, and whether this node is ready.");
        status.SetAction((parse, cancellationToken) =>
        {
            if (!admin.TryResolve(parse, Name, out var target))
            {
                return Task.FromResult(BadInput);
            }

            var invocation = parse.InvocationConfiguration;
            return StatusAsync(target.Endpoint, target.Token, parse.GetValue(json), invocation.Output, invocation.Error, cancellationToken);
        });

        var shards = new Command("shards", "Shards and live entities of each entity type on each node.");
        shards.SetAction((parse, cancellationToken) =>
        {
            if (!admin.TryResolve(parse, Name, out var target))
            {
                return Task.FromResult(BadInput);
            }

            var invocation = parse.InvocationConfiguration;
            return ShardsAsync(target.Endpoint, target.Token, parse.GetValue(json), invocation.Output, invocation.Error, cancellationToken);
        });

        Command MemberAction(string action, string description)
        {
            var node = new Argument<string>("NODE") { Description = "The member: akka.tcp://simpleactors@host:port, or host:port." };
            var command = new Command(action, description) { node };
            command.SetAction((parse, cancellationToken) =>
            {
                if (!admin.TryResolve(parse, Name, out var target))
                {
                    return Task.FromResult(BadInput);
                }

                var invocation = parse.InvocationConfiguration;
                return MemberActionAsync(target.Endpoint, target.Token, action, parse.GetValue(node)!, parse.GetValue(json), invocation.Output, invocation.Error, cancellationToken);
            });
            return command;
        }

        var cluster = new Command("cluster", "The cluster of a running node: members, shards, leave and down.")
        {
            json,
            status,
            shards,
            MemberAction("leave", "Ask a member to leave the cluster gracefully: its shards move to the other nodes first."),
            MemberAction("down", "Mark an unreachable member down, so the others take its shards over. Only for a node that is gone."),
        };
        foreach (var option in admin.All)
        {
            cluster.Options.Add(option);
        }

        return cluster;
    }

    public static async Task<int> StatusAsync(Uri endpoint, string? token, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!HasToken(token, error))
        {
            return BadInput;
        }

        using var http = AdminClient.Create(endpoint, token!);
        var members = await AskAsync(http, endpoint, HttpMethod.Get, "/v1/cluster/members", null, error, cancellationToken).ConfigureAwait(false);
        if (members.Exit != Ok)
        {
            return members.Exit;
        }

        // Not ready is an answer (503), not a failure of the command.
        var health = await AskAsync(http, endpoint, HttpMethod.Get, HealthApi.ReadyPath, null, error, cancellationToken, HttpStatusCode.ServiceUnavailable).ConfigureAwait(false);
        if (health.Exit != Ok)
        {
            return health.Exit;
        }

        if (json)
        {
            var combined = JsonNode.Parse(members.Body)!.AsObject();
            combined["health"] = JsonNode.Parse(health.Body);
            output.WriteLine(combined.ToJsonString());
            return Ok;
        }

        var view = JsonSerializer.Deserialize<ClusterAdminApi.MembersView>(members.Body, Web)!;
        using var readiness = JsonDocument.Parse(health.Body);
        var console = CommandConsole.Create(output);
        console.Write(ClusterTables.Members(view));
        console.WriteLine(ClusterTables.Readiness(readiness.RootElement));
        return Ok;
    }

    public static async Task<int> ShardsAsync(Uri endpoint, string? token, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!HasToken(token, error))
        {
            return BadInput;
        }

        using var http = AdminClient.Create(endpoint, token!);
        var shards = await AskAsync(http, endpoint, HttpMethod.Get, "/v1/cluster/shards", null, error, cancellationToken).ConfigureAwait(false);
        if (shards.Exit != Ok)
        {
            return shards.Exit;
        }

        if (json)
        {
            output.WriteLine(shards.Body);
            return Ok;
        }

        var view = JsonSerializer.Deserialize<ClusterAdminApi.ShardsView>(shards.Body, Web)!;
        var console = CommandConsole.Create(output);
        console.Write(ClusterTables.Shards(view));
        console.WriteLine(ClusterTables.Failed(view));
        return Ok;
    }

    /// <summary><c>leave</c> or <c>down</c> of one member.</summary>
    public static async Task<int> MemberActionAsync(
        Uri endpoint, string? token, string action, string node, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(node))
        {
            error.WriteLine($"{Name} {action}: which member? akka.tcp://simpleactors@host:port or host:port.");
            return BadInput;
        }

        if (!HasToken(token, error))
        {
            return BadInput;
        }

        using var http = AdminClient.Create(endpoint, token!);
        var answer = await AskAsync(http, endpoint, HttpMethod.Post, $"/v1/cluster/{action}", new { address = node.Trim() }, error, cancellationToken).ConfigureAwait(false);
        if (answer.Exit != Ok)
        {
            return answer.Exit;
        }

        if (json)
        {
            output.WriteLine(answer.Body);
            return Ok;
        }

        using var asked = JsonDocument.Parse(answer.Body);
        var address = asked.RootElement.GetProperty("address").GetString();
        output.WriteLine(action == "leave"
            ? $"{address}: asked to leave; it hands its shards over, then goes Leaving, Exiting, Removed."
            : $"{address}: marked down; the leader removes it and its shards start again on the other nodes.");
        return Ok;
    }

    private static bool HasToken(string? token, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!string.IsNullOrEmpty(token))
        {
            return true;
        }

        error.WriteLine($"{Name}: no admin token (--token, --data-dir, --config or Admin:Token).");
        return false;
    }

    /// <summary>One request; a refusal or no answer is reported on <paramref name="error"/> with its exit code.</summary>
    private static async Task<(int Exit, string Body)> AskAsync(
        HttpClient http, Uri endpoint, HttpMethod method, string path, object? body, TextWriter error, CancellationToken cancellationToken, params HttpStatusCode[] alsoAnswers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || alsoAnswers.Contains(response.StatusCode))
            {
                return (Ok, text);
            }

            var refusal = ErrorOf(text);
            error.WriteLine($"{Name}: {(int)response.StatusCode} {response.ReasonPhrase}{(refusal.Length > 0 ? ": " + refusal : string.Empty)}");
            return (response.StatusCode == HttpStatusCode.BadRequest ? BadInput : Failed, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"{Name}: the node's admin endpoint {endpoint} did not answer: {e.Message}");
            return (Failed, string.Empty);
        }
    }

    /// <summary>The <c>error</c> of a refusal's <c>{"error": ...}</c>, else the body as it came.</summary>
    private static string ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var message)
                ? message.ToString()
                : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors presence authorize &lt;presentity&gt; &lt;watcher&gt; allow|confirm|block|polite-block</c>: asks a running
/// node's admin endpoint (<c>Admin:Address</c>/<c>Admin:Port</c>, or <c>--url</c>) to write the presentity owner's decision
/// about a watcher as a rule of the owner's pres-rules document (RFC 5025 section 3.2.1), which applies it to the
/// watcher's subscriptions at once. The token comes from
/// <c>--token</c>, or the file the node wrote to its data directory (<c>--data-dir</c>), or the configuration
/// (<see cref="AdminEndpointOptions"/>). Exit codes: 0 done,
/// 1 the node could not be reached or refused, 2 bad input.
/// </summary>
internal static class PresenceCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var admin = new AdminEndpointOptions();
        var presentity = new Argument<string>("PRESENTITY") { Description = "The presentity, e.g. sip:alice@example.com." };
        var watcher = new Argument<string>("WATCHER") { Description = "The watcher, e.g. sip:bob@example.com." };
        var decision = new Argument<string>("DECISION") { Description = "allow, confirm, block or polite-block." };
        decision.AcceptOnlyFromAmong("allow", "confirm", "block", "polite-block");

        var authorize = new Command(
            "authorize", "Decide about a watcher of a presentity (a rule of the owner's pres-rules): allow, confirm, block or polite-block.")
        {
            presentity, watcher, decision,
        };
        authorize.SetAction(async (parse, cancellationToken) =>
        {
            if (!admin.TryResolve(parse, "simpleactors presence", out var target))
            {
                return BadInput;
            }

            return await AuthorizeAsync(
                target.Endpoint, target.Token, parse.GetValue(presentity)!, parse.GetValue(watcher)!, parse.GetValue(decision)!,
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });

        var presence = new Command("presence", "Presence administration of a running node.") { authorize };
        foreach (var option in admin.All)
        {
            presence.Options.Add(option);
        }

        return presence;
    }

    public static async Task<int> AuthorizeAsync(
        Uri endpoint, string? token, string presentity, string watcher, string decision, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrEmpty(token))
        {
            error.WriteLine("simpleactors presence: no admin token (--token, --data-dir, --config or Admin:Token).");
            return BadInput;
        }

        using var http = AdminClient.Create(endpoint, token);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("/v1/presence/authorize", new { presentity, watcher, decision }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"simpleactors presence: the node's admin endpoint {endpoint} did not answer: {e.Message}");
            return Failed;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"simpleactors presence: {(int)response.StatusCode} {response.ReasonPhrase} {body}".TrimEnd());
                return response.StatusCode == System.Net.HttpStatusCode.BadRequest ? BadInput : Failed;
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{root.GetProperty("presentity").GetString()}: {root.GetProperty("decision").GetString()} {root.GetProperty("watcher").GetString()} (rule in {root.GetProperty("document").GetString()}, ETag {root.GetProperty("etag").GetString()})"));
            return Ok;
        }
    }
}

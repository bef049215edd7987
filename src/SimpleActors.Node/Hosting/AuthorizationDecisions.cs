using SimpleActors.Engine.Presence;

namespace SimpleActors.Node.Hosting;

/// <summary>The names of <see cref="AuthorizationDecision"/>s as operators write them (RFC 5025 section 3.2.1).</summary>
internal static class AuthorizationDecisions
{
    public static AuthorizationDecision? TryParse(string? name) => name?.ToLowerInvariant() switch
    {
        "allow" => AuthorizationDecision.Allow,
        "block" => AuthorizationDecision.Block,
        "polite-block" => AuthorizationDecision.PoliteBlock,
        "confirm" => AuthorizationDecision.Confirm,
        _ => null,
    };

    public static string Name(AuthorizationDecision decision) => decision switch
    {
        AuthorizationDecision.Allow => "allow",
        AuthorizationDecision.Block => "block",
        AuthorizationDecision.Confirm => "confirm",
        _ => "polite-block",
    };
}

namespace SimpleActors.Node.Commands;

/// <summary>
/// The admin endpoint of a running node as the command line resolved it (<see cref="AdminClient.Resolve"/>): where it
/// listens, the bearer token (null when none was found) and the token file that was read, or looked for.
/// </summary>
internal sealed record AdminTarget(Uri Endpoint, string? Token, string TokenFile)
{
    /// <summary>What to tell the operator when <see cref="Token"/> is null.</summary>
    public string NoTokenReason =>
        $"no admin token: {TokenFile} does not exist. Name the node's data directory with --data-dir or its configuration "
        + "with --config (a node writes its token to {DataDirectory}/admin-token when Admin:Token is empty), or give --token.";
}

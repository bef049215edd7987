using System.CommandLine;

namespace SimpleActors.Node.Commands;

/// <summary>
/// The options by which a command names a running node's admin endpoint and its token, the same on
/// <c>simpleactors presence</c> and <c>simpleactors cluster</c>: <c>--config</c>, <c>--url</c>, <c>--token</c> and
/// <c>--data-dir</c> (the node's data directory, as given to <c>run --data-dir</c>, where it wrote its token).
/// </summary>
internal sealed class AdminEndpointOptions
{
    public Option<FileInfo?> Config { get; } = new("--config") { Description = "The node's JSON configuration file (layered over config/simpleactors.json): its admin endpoint and data directory.", Recursive = true };

    public Option<Uri?> Url { get; } = new("--url") { Description = "The admin endpoint, e.g. http://127.0.0.1:8090; default from Admin:Address and Admin:Port.", Recursive = true, CustomParser = AdminClient.ParseUrl };

    public Option<string?> Token { get; } = new("--token") { Description = "The admin token; default --data-dir's admin-token, then Admin:Token, then {DataDirectory}/admin-token.", Recursive = true };

    public Option<DirectoryInfo?> DataDirectory { get; } = new("--data-dir") { Description = "The node's data directory (as given to run --data-dir), where the node wrote its admin-token.", Recursive = true };

    public IEnumerable<Option> All => [Config, Url, Token, DataDirectory];

    /// <summary>
    /// The endpoint and token the parsed options name; false, with the reason written to the command's error output,
    /// when no token was found.
    /// </summary>
    public bool TryResolve(ParseResult parse, string commandName, out AdminTarget target)
    {
        ArgumentNullException.ThrowIfNull(parse);
        target = AdminClient.Resolve(parse.GetValue(Config), parse.GetValue(Url), parse.GetValue(Token), parse.GetValue(DataDirectory));
        if (target.Token is not null)
        {
            return true;
        }

        parse.InvocationConfiguration.Error.WriteLine($"{commandName}: {target.NoTokenReason}");
        return false;
    }
}

using System.CommandLine.Parsing;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Commands;

/// <summary>
/// How the command line reaches a running node's admin endpoint (Hosting/AdminEndpoint.cs): where it listens and the
/// bearer token it wants, shared by <c>simpleactors presence</c> and <c>simpleactors cluster</c>.
/// </summary>
internal static class AdminClient
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>An HTTP client for the endpoint that sends the token with every request.</summary>
    public static HttpClient Create(Uri endpoint, string token)
    {
        var http = new HttpClient { BaseAddress = endpoint, Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// The parser of a <c>--url</c> option: an absolute http or https address. System.CommandLine 3 has no converter of
    /// its own for <see cref="Uri"/> (every value failed with "Cannot parse argument").
    /// </summary>
    public static Uri? ParseUrl(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        result.AddError($"{text} is not an http address of an admin endpoint, e.g. http://127.0.0.1:8090.");
        return null;
    }

    /// <summary>
    /// The endpoint and token: explicit options first (<c>--token</c>, then the token file in <c>--data-dir</c>), then the
    /// configuration (<c>Admin:Token</c>, then the token file in its <c>DataDirectory</c>).
    /// </summary>
    public static AdminTarget Resolve(FileInfo? configFile, Uri? url, string? token, DirectoryInfo? dataDirectory = null, NodeConfigurationSources? sources = null)
    {
        (var options, sources) = NodeConfiguration.ReadOptions(configFile, sources);
        var admin = options.Admin;
        var endpoint = url ?? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{(admin.Address.Contains(':', StringComparison.Ordinal) ? $"[{admin.Address}]" : admin.Address)}:{admin.Port}"));
        var tokenFile = Path.Combine(
            dataDirectory is not null ? Path.GetFullPath(dataDirectory.ToString(), sources.CurrentDirectory) : Path.GetFullPath(options.DataDirectory, sources.CurrentDirectory),
            AdminOptions.TokenFileName);
        var resolved = !string.IsNullOrEmpty(token) ? token
            : dataDirectory is null && !string.IsNullOrEmpty(admin.Token) ? admin.Token
            : File.Exists(tokenFile) ? File.ReadAllText(tokenFile).Trim()
            : null;
        return new AdminTarget(endpoint, resolved, tokenFile);
    }
}
